using ConformanceKit.Features.Bridge;

namespace ConformanceKit.Features.BridgeTests;

/// <summary>With the real bindings and simulator: a failing scenario prints its HTTP exchange.</summary>
public sealed class FailureReportTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_failing_scenario_prints_its_HTTP_exchange()
    {
        var plan = Assert.Single(BridgeRun.Parse("""
            Feature: F
              Scenario: A valid package wrongly expected to be rejected
                Given a valid signed package of 1 invoice
                When the T-VAN sends the package
                Then the data check notice rejects the package, citing code 4001
            """).Scenarios);
        var e = await Assert.ThrowsAsync<ScenarioFailedException>(() => ScenarioRunner.RunAsync(plan, BindingRegistry.Suite));
        output.WriteLine(e.Message);
        Assert.Contains("failed at step 'Then the data check notice rejects the package, citing code 4001'", e.Message);
        Assert.Contains("--- HTTP exchange (", e.Message);
        Assert.Contains(">>> POST /api/v1/messages", e.Message);
        Assert.Contains("expected LTBao 7 citing 4001; the notice is LTBao 2 citing []", e.Message);
        Assert.Contains("<<< 200 OK", e.Message);
        Assert.Contains("<MLTDiep>999</MLTDiep>", e.Message);
        var saved = System.Text.RegularExpressions.Regex.Match(e.Message, @"saved to (.+\.log)\)").Groups[1].Value;
        Assert.True(File.Exists(saved), $"no HTTP log file at '{saved}'");
        File.Delete(saved);
    }

    [Fact]
    public async Task A_failing_scenario_saves_its_HTTP_exchange_under_TestResults_http()
    {
        var plan = Assert.Single(BridgeRun.Parse("""
            Feature: Bridge: saving the HTTP log
              Scenario Outline: A valid package wrongly expected to be <outcome>/rejected?
                Given a valid signed package of 1 invoice
                When the T-VAN sends the package
                Then the data check notice rejects the package, citing code <code>

                Examples:
                  | outcome  | code |
                  | rejected | 4001 |
            """).Scenarios);
        var expected = Path.Combine(Directory.GetCurrentDirectory(), "TestResults", "http",
            "Bridge_saving_the_HTTP_log--A_valid_package_wrongly_expected_to_be_rejected_rejected_[rejected_4001].log");
        if (File.Exists(expected)) File.Delete(expected); // (File.Delete throws while the folder does not exist)

        var e = await Assert.ThrowsAsync<ScenarioFailedException>(() => ScenarioRunner.RunAsync(plan, BindingRegistry.Suite));
        output.WriteLine(e.Message);

        Assert.Contains($"saved to {expected}", e.Message);
        var log = await File.ReadAllTextAsync(expected);
        Assert.Contains("Scenario: A valid package wrongly expected to be rejected/rejected? [rejected, 4001]", log);
        Assert.Contains("expected LTBao 7 citing 4001", log);
        Assert.Contains(">>> POST /api/v1/messages", log);
        Assert.Contains("<<< 200 OK", log);
        File.Delete(expected);
    }
}

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
    }
}

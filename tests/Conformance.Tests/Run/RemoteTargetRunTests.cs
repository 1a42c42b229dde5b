
namespace ConformanceKit.Conformance.Tests.Run;

/// <summary>`ck run --target`: the catalogue against a simulator started as its own process.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Process")]
public class RemoteTargetRunTests
{
    [Fact]
    public async Task Runs_against_a_simulator_started_as_its_own_process()
    {
        var folder = TestFolder.Create();
        await using var simulator = await SimulatorProcess.StartAsync(Path.Combine(folder, "sim"));

        var result = await Ck.RunAsync("run", "--target", simulator.BaseAddress.ToString(), "--admin-key", "demo-admin-key",
            "--filter", "reception,KTDL-7*,FLOW-CALLBACK-*,FLOW-DEADLINE-01,S000-ISSUE-01", "--parallel", "3",
            "--out", Path.Combine(folder, "report"), "--signing-key", Path.Combine(folder, "key.pfx"));

        Assert.True(result.ExitCode == 0, result.Out + result.Error + simulator.Output);
        Assert.Contains("remote target", result.Out);
        // Run twice against the same long-lived target: fresh codes and re-seeding keep it repeatable.
        result = await Ck.RunAsync("run", "--target", simulator.BaseAddress.ToString(), "--filter", "KTDL-7005-*,FLOW-REG-*",
            "--out", Path.Combine(folder, "report2"), "--signing-key", Path.Combine(folder, "key.pfx"));
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
    }
}

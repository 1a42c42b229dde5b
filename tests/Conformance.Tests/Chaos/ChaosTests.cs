using System.Diagnostics;
using ConformanceKit.Conformance.Commands.Chaos;
using ConformanceKit.Harness.Chaos;

namespace ConformanceKit.Conformance.Tests.Chaos;

/// <summary>
/// The chaos test, shorter than `ck chaos`: the provider in a child process SIGKILLed 20 times while
/// sales and corrections (cancel, replace, adjust) come in and the simulator's faults fire; every end check must hold.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Chaos")]
public sealed class ChaosTests
{
    [Fact]
    public async Task Killing_the_provider_20_times_under_faults_loses_and_duplicates_nothing_nor_corrects_twice()
    {
        var folder = TestFolder.Create();
        var lines = new List<string>();
        var report = await new ChaosRun(new ChaosOptions
        {
            Sales = 500, Kills = 20, Clients = 3, Rate = 25, BatchSize = 10, KillAfterMs = (100, 900), Corrections = 25,
            DrainTimeout = TimeSpan.FromMinutes(2), WorkFolder = folder, StartCk = StartCk,
            StartSimulator = ChaosCommandDefinition.StartSimulatorAsync, ReadStore = ChaosCommandDefinition.ReadStore,
        }, m => { lock (lines) lines.Add(m); }).RunAsync(CancellationToken.None);

        var failures = string.Join("\n", report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}"));
        Assert.True(report.Passed, $"{failures}\nprogress:\n{string.Join("\n", lines)}\nwork folder {folder}");
        Assert.Equal(20, report.Kills);
        Assert.Equal(5, report.Checks.Count);
        Assert.Equal(25, report.Corrections);
        Assert.InRange(report.Invoices, 501, 525); // the sales, and the replacements and adjustments taken
        Assert.True(report.FaultsFired.Values.Sum() > 0, "no fault fired: the run did not test the retries");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Ck_chaos_without_kills_reports_its_checks()
    {
        var result = await Ck.RunAsync("chaos", "--sales", "30", "--kills", "0", "--rate", "0", "--no-faults", "--work", TestFolder.Create());
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("✓ codes are gap-free (1…N) and unique", result.Out, StringComparison.Ordinal);
        Assert.Contains("PASSED", result.Out, StringComparison.Ordinal);
    }

    private static ProcessStartInfo StartCk(IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ck.dll"));
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }
}

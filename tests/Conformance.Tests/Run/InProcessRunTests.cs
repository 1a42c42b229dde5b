using System.Text.Json;
using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Conformance.Tests.Run;

/// <summary>`ck run` against the simulator it starts in-process: the whole catalogue passes.</summary>
public class InProcessRunTests
{
    [Fact]
    public async Task The_whole_catalogue_passes_against_the_in_process_simulator_and_writes_three_reports()
    {
        var folder = TestFolder.Create();
        var result = await Ck.RunAsync("run", "--out", Path.Combine(folder, "report"), "--signing-key", Path.Combine(folder, "key.pfx"), "--seed", "7");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var total = CaseCatalogue.Load().Cases.Count;
        Assert.Contains($"PASSED: {total} passed, 0 failed, 0 errors of {total} cases", result.Out);
        foreach (var file in new[] { "report.json", "report.junit.xml", "report.html" })
            Assert.True(File.Exists(Path.Combine(folder, "report", file)), file);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "report", "report.json")));
        var report = json.RootElement.GetProperty("report");
        Assert.Equal(total, report.GetProperty("cases").GetArrayLength());
        Assert.Equal("in-process simulator (SQLite)", report.GetProperty("target").GetProperty("description").GetString());
        Assert.Equal(CaseCatalogue.Load().Version, report.GetProperty("catalogueVersion").GetString());
    }
}

using System.Text.Json;

namespace ConformanceKit.LoadTesting.Tests;

public sealed class ReportTests
{
    internal static async Task<RunReport> SmallRunAsync()
    {
        var scenario = Scenario.Create("sale",
                Step.Create("post", ctx => Task.FromResult(ctx.InvocationNumber % 10 == 3 ? StepResult.Fail("HTTP 503", 503, 10, "busy") : StepResult.Ok(201, 300))),
                Step.Create("look-up", _ => Task.FromResult(StepResult.Ok(200, 200))))
            .WithLoadSimulations(LoadSimulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        return await LoadTest.Create("report-test", scenario)
            .WithTarget("a fake <target> & co")
            .WithChecks(_ => Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double> { ["sales-without-invoice"] = 0 }))
            .WithThresholds("p99<5s", "fail%<1", "sales-without-invoice==0")
            .WithMemory(FakeMemory(), TimeSpan.FromMilliseconds(200)) // ~10 samples in the 2 s window, even on a busy machine
            .RunAsync();
    }

    /// <summary>A process whose working set grows 1 MB at each look, from 100 MB.</summary>
    internal static MemoryProbe FakeMemory()
    {
        var looks = 0;
        return new MemoryProbe("fake <process>", () => new MemoryReading((100 + Interlocked.Increment(ref looks)) * (1L << 20), 40L << 20));
    }

    [Fact]
    public async Task The_run_writes_html_markdown_csv_and_json_with_the_same_figures()
    {
        var report = await SmallRunAsync();
        var folder = TestFolder.Create();
        try
        {
            var files = ReportWriter.WriteAll(report, folder);
            Assert.Equal(["report.html", "report.md", "report.json", "stats.csv", "timeline.csv", "memory.csv"], files.Select(Path.GetFileName));

            var html = File.ReadAllText(Path.Combine(folder, "report.html"));
            Assert.Contains("<svg", html);
            Assert.Equal(3, CountOf(html, "<figure class=\"chart\">"));
            Assert.Equal(1, CountOf(html, "<figure class=\"chart\" id=\"memory\">"));
            Assert.Contains("fake &lt;process&gt;", html);
            Assert.Contains("id=\"memory-figures\"", html);
            Assert.Contains("a fake &lt;target&gt; &amp; co", html);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("https://", html); // nothing fetched: works offline
            Assert.Contains("FAILED", html);

            var md = File.ReadAllText(Path.Combine(folder, "report.md"));
            Assert.StartsWith("## Load test report-test: FAILED", md);
            Assert.Contains("| sale.post | 36 | 4 | 10 |", md);
            Assert.Contains("| `fail%<1` | every scenario | ❌ FAIL |", md);
            Assert.Contains("| sales-without-invoice | 0 |", md);
            Assert.Contains("Memory of fake <process> over the measured window", md);
            Assert.Contains("| ws-start-mb |", md);

            var stats = File.ReadAllLines(Path.Combine(folder, "stats.csv"));
            Assert.StartsWith("scenario,step,ok,fail,fail_percent,rps", stats[0]);
            Assert.Equal(4, stats.Length); // header, the scenario, two steps
            Assert.StartsWith("sale,post,36,4,10,", stats[2]);
            Assert.Contains("503:4", stats[2]);
            var timeline = File.ReadAllLines(Path.Combine(folder, "timeline.csv"));
            Assert.Equal("scenario,at_s,ok,fail,rps,p50_ms,p95_ms,p99_ms,max_ms,ws_mb", timeline[0]);
            Assert.InRange(timeline.Length, 3, 5);
            Assert.Contains(timeline.Skip(1), l => System.Text.RegularExpressions.Regex.IsMatch(l, @",1\d\d(\.\d+)?$")); // a bucket's working set
            var memory = File.ReadAllLines(Path.Combine(folder, "memory.csv"));
            Assert.Equal("at_s,working_set_mb,rss_anon_mb,gc_heap_mb,measured", memory[0]);
            Assert.Equal(report.Memory!.Samples.Count + 1, memory.Length);
            Assert.StartsWith("-0.0", memory[1]);                 // taken as the run started, before the measured window
            Assert.EndsWith(",40,,0", memory[1]);
            Assert.Contains(memory.Skip(2), l => l.EndsWith(",40,,1", StringComparison.Ordinal));

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            var root = json.RootElement;
            Assert.False(root.GetProperty("passed").GetBoolean());
            var all = root.GetProperty("scenarios")[0].GetProperty("all");
            Assert.Equal(36, all.GetProperty("ok").GetInt64());
            Assert.Equal(4, all.GetProperty("fail").GetInt64());
            Assert.True(all.GetProperty("latency").GetProperty("p99").GetDouble() >= 0);
            Assert.Equal("post: HTTP 503", all.GetProperty("errors")[0].GetProperty("kind").GetString());
            Assert.Equal(3, root.GetProperty("thresholds").GetArrayLength());
            Assert.Equal("fake <process>", root.GetProperty("memory").GetProperty("process").GetString());
            Assert.True(root.GetProperty("memory").GetProperty("samples").GetArrayLength() >= 3);
            Assert.True(root.GetProperty("metrics").GetProperty("ws-end-mb").GetDouble() > 100);
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}

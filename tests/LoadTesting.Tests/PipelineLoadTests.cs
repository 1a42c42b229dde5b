using System.Text.Json;

namespace ConformanceKit.LoadTesting.Tests;

/// <summary>`ck load --target pipeline`: the reference POS → provider → simulator in-process, end to end.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Load")]
public sealed class PipelineLoadTests
{
    [Fact]
    public async Task A_short_pos_fleet_run_against_the_pipeline_passes_its_domain_checks_and_writes_the_reports()
    {
        var folder = TestFolder.Create();
        try
        {
            var result = await Ck.RunAsync(["load", "--workload", "pos-fleet", "--target", "pipeline", "--duration", "3s", "--warm-up", "1s",
                "--rate", "12", "--stores", "2", "--registers", "2", "--threshold", "p99<10s", "--report", folder], stdin: null, TimeSpan.FromSeconds(90));

            Assert.True(result.ExitCode == 0, result.Out + result.Error);
            Assert.Contains("PASSED", result.Out);
            Assert.Contains("store-01", result.Error); // live progress lines
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            var metrics = json.RootElement.GetProperty("metrics");
            Assert.InRange(metrics.GetProperty("sales").GetDouble(), 30, 40); // 12/s × 3 s, over two stores
            Assert.Equal(0, metrics.GetProperty("sales-without-invoice").GetDouble());
            Assert.Equal(0, metrics.GetProperty("duplicate-codes").GetDouble());
            Assert.Equal(0, metrics.GetProperty("packages-without-204").GetDouble());
            Assert.Equal(0, metrics.GetProperty("late-204").GetDouble());
            Assert.True(metrics.GetProperty("packages").GetDouble() >= 1);
            var scenarios = json.RootElement.GetProperty("scenarios");
            Assert.Equal(2, scenarios.GetArrayLength());
            Assert.Equal(["sell", "look-up"], scenarios[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
            Assert.Equal(6, json.RootElement.GetProperty("thresholds").GetArrayLength());
            foreach (var f in new[] { "report.html", "report.md", "stats.csv", "timeline.csv" }) Assert.True(File.Exists(Path.Combine(folder, f)), f);
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task End_of_day_sells_without_packaging_then_the_22h_flush_gets_every_invoice_accepted()
    {
        var folder = TestFolder.Create();
        try
        {
            var result = await Ck.RunAsync(["load", "--workload", "end-of-day", "--target", "pipeline", "--duration", "2s", "--warm-up", "0s",
                "--rate", "10", "--stores", "2", "--registers", "1", "--threshold", "flush-to-accepted-s<30", "--report", folder, "--quiet"],
                stdin: null, TimeSpan.FromSeconds(90));

            Assert.True(result.ExitCode == 0, result.Out + result.Error);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            var root = json.RootElement;
            var metrics = root.GetProperty("metrics");
            Assert.InRange(metrics.GetProperty("sales").GetDouble(), 18, 22);
            Assert.Equal(0, metrics.GetProperty("sales-without-invoice").GetDouble());
            Assert.True(metrics.GetProperty("flush-to-accepted-s").GetDouble() > 0);
            // Manual sync: nothing was packaged before the flush, so the sales went out in one or two packages, not one each.
            Assert.InRange(metrics.GetProperty("packages").GetDouble(), 1, 2);
            var flush = root.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "flush-22h");
            Assert.Equal(1, flush.GetProperty("all").GetProperty("ok").GetInt64());
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task The_pipeline_runs_on_the_in_memory_provider_store_and_says_so()
    {
        var folder = TestFolder.Create();
        try
        {
            var result = await Ck.RunAsync(["load", "--workload", "pipeline-sales", "--target", "pipeline", "--store", "memory", "--duration", "2s",
                "--warm-up", "0s", "--report", folder, "--quiet"], stdin: null, TimeSpan.FromSeconds(90));

            Assert.True(result.ExitCode == 0, result.Out + result.Error);
            Assert.Contains("pipeline provider store: memory", result.Out);
            Assert.Contains("machine: ", result.Out);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            var metrics = json.RootElement.GetProperty("metrics");
            Assert.Equal(0, metrics.GetProperty("sales-without-invoice").GetDouble());
            Assert.True(metrics.GetProperty("cpu-self-%").GetDouble() > 0);
            Assert.True(metrics.GetProperty("end-to-end-invoices-per-s").GetDouble() > 0);
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task Pipeline_sales_with_many_clients_reports_sales_per_commit_and_cpu_per_sale()
    {
        var folder = TestFolder.Create();
        try
        {
            var result = await Ck.RunAsync(["load", "--workload", "pipeline-sales", "--target", "pipeline", "--clients", "24", "--duration", "2s",
                "--warm-up", "0s", "--report", folder, "--quiet"], stdin: null, TimeSpan.FromSeconds(90));

            Assert.True(result.ExitCode == 0, result.Out + result.Error);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            var metrics = json.RootElement.GetProperty("metrics");
            Assert.Contains("keep constant 24 copies", File.ReadAllText(Path.Combine(folder, "report.md")));
            Assert.Equal(0, metrics.GetProperty("sales-without-invoice").GetDouble());
            Assert.True(metrics.GetProperty("sale-commits").GetDouble() > 0);
            // 24 registers waiting on a crash-safe store: sales queue during each fsync and share the next commit.
            Assert.True(metrics.GetProperty("sales-per-commit").GetDouble() > 1, metrics.ToString());
            Assert.True(metrics.GetProperty("cpu-us-per-sale").GetDouble() > 0);
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task Sim_messages_against_a_simulator_started_in_process_gets_every_204()
    {
        var folder = TestFolder.Create();
        try
        {
            var result = await Ck.RunAsync(["load", "--workload", "sim-messages", "--target", "simulator", "--rate", "5", "--duration", "2s",
                "--warm-up", "0s", "--threshold", "ws-max-mb>1", "--threshold", "gc-heap-end-mb>0", "--threshold", "cpu-self-%>=0",
                "--report", folder, "--quiet"], stdin: null, TimeSpan.FromSeconds(90));

            Assert.True(result.ExitCode == 0, result.Out + result.Error);
            Assert.Contains("simulator started here on sqlite", result.Out);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            var metrics = json.RootElement.GetProperty("metrics");
            Assert.Equal(10, metrics.GetProperty("packages").GetDouble());
            Assert.Equal(0, metrics.GetProperty("packages-without-204").GetDouble());
            // Below saturation the simulator finishes what is offered: 5 packages/s, less the tail of the last 204.
            Assert.InRange(metrics.GetProperty("sustained-packages-per-s").GetDouble(), 1.5, 6);
            // In process: the memory sampled is this process's (generator + simulator), GC heap included; the CPU figures are judged too.
            Assert.Equal("this process (generator + in-process simulator)", json.RootElement.GetProperty("memory").GetProperty("process").GetString());
            Assert.All(json.RootElement.GetProperty("thresholds").EnumerateArray(), t => Assert.True(t.GetProperty("passed").GetBoolean(), t.ToString()));
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task Sim_messages_against_a_simulator_child_process_samples_that_process_memory()
    {
        var folder = TestFolder.Create();
        // Built next to these tests: artifacts/bin/TaxAuthoritySim/<configuration>/TaxAuthoritySim.dll.
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "TaxAuthoritySim", new DirectoryInfo(AppContext.BaseDirectory).Name, "TaxAuthoritySim.dll"));
        Assert.True(File.Exists(dll), dll);
        try
        {
            var result = await Ck.RunAsync(["load", "--workload", "sim-messages", "--target", "simulator=sqlite", "--sim-dll", dll, "--rate", "5",
                "--duration", "3s", "--warm-up", "1s", "--threshold", "ws-start-mb>20", "--threshold", "ws-slope-mb-per-min<100000",
                "--report", folder, "--quiet"], stdin: null, TimeSpan.FromSeconds(120));

            Assert.True(result.ExitCode == 0, result.Out + result.Error);
            Assert.Contains("memory.csv", result.Out);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            var memory = json.RootElement.GetProperty("memory");
            Assert.StartsWith("simulator (child process ", memory.GetProperty("process").GetString());
            var metrics = json.RootElement.GetProperty("metrics");
            Assert.Equal(0, metrics.GetProperty("packages-without-204").GetDouble());
            Assert.InRange(metrics.GetProperty("ws-samples").GetDouble(), 2, 5);
            Assert.True(metrics.GetProperty("rss-anon-end-mb").GetDouble() > 5);
            Assert.False(metrics.TryGetProperty("gc-heap-end-mb", out _), "the child's GC heap is not read");
            var csv = File.ReadAllLines(Path.Combine(folder, "memory.csv"));
            Assert.Contains(csv.Skip(1), l => l.StartsWith('-'));   // the warm-up, sampled but not counted
            Assert.Contains(csv.Skip(1), l => l.EndsWith(",,1", StringComparison.Ordinal));
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }
}

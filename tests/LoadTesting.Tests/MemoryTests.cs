using ConformanceKit.LoadTesting.Targets;

namespace ConformanceKit.LoadTesting.Tests;

/// <summary>The target's memory: /proc parsing, the figures over the measured window, and sampling on the run's clock.</summary>
public sealed class MemoryTests
{
    private const string Status = """
        Name:	dotnet
        Umask:	0022
        State:	S (sleeping)
        Pid:	4242
        PPid:	4200
        VmPeak:	 3305060 kB
        VmSize:	 3304036 kB
        VmHWM:	  190112 kB
        VmRSS:	  183456 kB
        RssAnon:	   98304 kB
        RssFile:	   84128 kB
        RssShmem:	    1024 kB
        Threads:	25
        """;

    [Fact]
    public void Proc_status_gives_the_working_set_and_the_anonymous_part()
    {
        var r = ProcessMemory.Parse(Status);
        Assert.NotNull(r);
        Assert.Equal(183_456L * 1024, r.WorkingSetBytes);
        Assert.Equal(98_304L * 1024, r.AnonymousBytes);
        Assert.Null(r.GcHeapBytes);
    }

    [Theory]
    [InlineData("Name:\tkthreadd\nState:\tS (sleeping)\nThreads:\t1\n")]  // kernel threads have no VmRSS
    [InlineData("")]
    [InlineData("VmRSS:\t  lots kB\n")]
    public void Proc_status_without_a_readable_VmRSS_gives_nothing(string text) => Assert.Null(ProcessMemory.Parse(text));

    [Fact]
    public void This_process_reads_its_own_working_set_and_GC_heap()
    {
        var r = ProcessMemory.ReadSelf();
        Assert.NotNull(r);
        Assert.True(r.WorkingSetBytes > 10 << 20, $"{r.WorkingSetBytes} bytes");
        Assert.True(r.GcHeapBytes > 0);
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(r.AnonymousBytes);
            Assert.Null(ProcessMemory.Read(int.MaxValue)); // no such process
        }
    }

    [Fact]
    public void The_slope_is_the_least_squares_fit_in_MB_per_minute()
    {
        Assert.Equal(2.0, MemoryReport.Slope([(0, 100), (1, 102), (2, 104), (3, 106)])!.Value, 9);
        // Noise symmetric about a flat line: slope 0; one point, or one x: no slope.
        Assert.Equal(0.0, MemoryReport.Slope([(0, 100), (1, 104), (2, 104), (3, 100)])!.Value, 9);
        Assert.Equal(1.2, MemoryReport.Slope([(0, 0), (1, 2), (2, 2), (3, 4)])!.Value, 9);
        Assert.Null(MemoryReport.Slope([(0, 100)]));
        Assert.Null(MemoryReport.Slope([(1, 100), (1, 200)]));
    }

    [Fact]
    public void The_figures_cover_the_measured_window_only_not_the_warm_up_nor_the_drain()
    {
        // Warm-up climbs 60 → 120 MB, the measured 120 s sit at 120 ± 2 MB, the drain afterwards reaches 300 MB.
        var samples = new List<MemoryPoint> { new(-3, 60, 20, null), new(-2, 90, 40, null), new(-1, 120, 60, null) };
        for (var t = 0; t <= 120; t++) samples.Add(new MemoryPoint(t, t % 2 == 0 ? 118 : 122, 60 + t / 60.0, null));
        samples.Add(new MemoryPoint(121.5, 300, 200, null));
        var m = new MemoryReport("fake", 1, 120, samples).Metrics();

        Assert.Equal(118, m["ws-start-mb"]);
        Assert.Equal(122, m["ws-max-mb"]);
        Assert.Equal(118, m["ws-end-mb"]);
        Assert.InRange(m["ws-slope-mb-per-min"], -0.02, 0.02);
        Assert.Equal(121, m["ws-samples"]);
        Assert.Equal(1.0, m["rss-anon-slope-mb-per-min"], 3);
        Assert.Equal(62, m["rss-anon-end-mb"]);
        Assert.Equal(60, m["rss-anon-start-mb"]);
        Assert.Equal(62, m["rss-anon-max-mb"]);
        Assert.False(m.ContainsKey("gc-heap-end-mb"));
    }

    [Fact]
    public void A_growing_heap_shows_in_the_slope_and_no_samples_give_no_figures()
    {
        var samples = Enumerable.Range(0, 61).Select(t => new MemoryPoint(t, 200 + t * 0.1, null, 50 + t / 30.0)).ToList();
        var m = new MemoryReport("fake", 1, 60, samples).Metrics();
        Assert.Equal(6.0, m["ws-slope-mb-per-min"], 3);
        Assert.Equal(2.0, m["gc-heap-slope-mb-per-min"], 3);
        Assert.Equal(50, m["gc-heap-start-mb"]);
        Assert.Equal(52, m["gc-heap-end-mb"]);
        Assert.False(m.ContainsKey("rss-anon-end-mb"));
        Assert.Empty(new MemoryReport("fake", 1, 60, [new MemoryPoint(-1, 100, null, null)]).Metrics());
    }

    [Theory]
    [InlineData("ws-slope-mb-per-min<5", 6.0, false)]
    [InlineData("ws-slope-mb-per-min<5", 4.99, true)]
    [InlineData("ws-slope-mb-per-min>-5", -4.0, true)]
    [InlineData("ws-slope-mb-per-min>-5", -6.0, false)]
    [InlineData("ws-max-mb<=512", 512, true)]
    public void Thresholds_judge_the_memory_figures(string expression, double value, bool holds)
    {
        var metric = expression.Split('<', '>')[0];
        var r = Threshold.Parse(expression).Evaluate([], new Dictionary<string, double> { [metric] = value });
        Assert.Equal(holds, r.Passed);
        Assert.Equal(value, r.Actual);
    }

    [Fact]
    public void A_memory_threshold_on_a_run_that_did_not_sample_memory_fails_and_says_why()
    {
        var r = Threshold.Parse("ws-slope-mb-per-min<5").Evaluate([], new Dictionary<string, double> { ["packages"] = 3 });
        Assert.False(r.Passed);
        Assert.Contains("does not measure ws-slope-mb-per-min", r.Detail);
    }
}

/// <summary>Sampling on a hand-driven clock: the samples land on the measured window's axis and the run is judged on them.</summary>
[Collection(ManualClockCollection.Name)]
public sealed class MemorySamplingTests
{
    [Fact]
    public async Task The_run_samples_every_second_and_measures_the_slope_after_the_warm_up()
    {
        var time = new ManualTime();
        const double Mb = 1 << 20;
        // The fake process grows 1 MB per second of the run's clock from 100 MB; 5 s of warm-up are not counted.
        var probe = new MemoryProbe("fake process", () => new MemoryReading((long)((100 + time.GetTimestamp() / (double)TimeSpan.TicksPerSecond) * Mb), 64 << 20));
        var scenario = Scenario.Create("idle", _ => Task.FromResult(StepResult.Ok()))
            .WithWarmUp(TimeSpan.FromSeconds(5))
            .WithLoadSimulations(LoadSimulation.Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)));
        var report = await ManualTimeRunnerTests.RunOnManualClockAsync(time,
            LoadTest.Create("memory", scenario).WithMemory(probe).WithThresholds("ws-slope-mb-per-min<5", "ws-slope-mb-per-min<100", "ws-max-mb<200"));

        var memory = Assert.IsType<MemoryReport>(report.Memory);
        Assert.Equal("fake process", memory.Process);
        Assert.Equal(1, memory.IntervalSeconds);
        Assert.Contains(memory.Samples, s => s.At < 0);                         // the warm-up is sampled, not counted
        Assert.InRange(memory.Measured().Count, 20, 22);
        Assert.Equal(60, report.Metrics["ws-slope-mb-per-min"], 1);           // 1 MB/s
        Assert.InRange(report.Metrics["ws-start-mb"], 105, 106.1);
        Assert.InRange(report.Metrics["ws-end-mb"], 124.9, 126.1);
        Assert.Equal(report.Metrics["ws-end-mb"], report.Metrics["ws-max-mb"]);
        Assert.Equal(0, report.Metrics["rss-anon-slope-mb-per-min"], 3);
        Assert.Equal([false, true, true], report.Thresholds.Select(t => t.Passed));
        Assert.Contains("ws-slope-mb-per-min = 60", report.Thresholds[0].Detail);
    }

    [Fact]
    public async Task Without_a_probe_nothing_is_sampled()
    {
        var time = new ManualTime();
        var scenario = Scenario.Create("idle", _ => Task.FromResult(StepResult.Ok()))
            .WithLoadSimulations(LoadSimulation.Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        var report = await ManualTimeRunnerTests.RunOnManualClockAsync(time, LoadTest.Create("no-memory", scenario));
        Assert.Null(report.Memory);
        Assert.DoesNotContain(report.Metrics.Keys, k => k.StartsWith("ws-", StringComparison.Ordinal));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.LoadTesting.Tests;

public sealed class RunnerTests
{
    [Fact]
    public async Task Open_model_invocations_are_due_on_the_schedule_and_warm_up_is_not_counted()
    {
        var due = new ConcurrentBag<(long Number, long At, bool Warm)>();
        var scenario = Scenario.Create("tick", ctx =>
            {
                due.Add((ctx.InvocationNumber, ctx.ScheduledTimestamp, ctx.IsWarmUp));
                return Task.FromResult(StepResult.Ok(200, 10));
            })
            .WithWarmUp(TimeSpan.FromMilliseconds(500))
            .WithLoadSimulations(LoadSimulation.Inject(40, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        var report = await LoadTest.Create("schedule", scenario).RunAsync();

        var s = Assert.Single(report.Scenarios);
        Assert.Equal(40, s.All.Ok);
        Assert.Equal(400, s.All.Bytes);
        Assert.Equal(20, due.Count(d => d.Warm));
        var measured = due.Where(d => !d.Warm).OrderBy(d => d.Number).ToList();
        Assert.Equal(40, measured.Count);
        // Due times are computed, not observed: exactly 25 ms apart, the first one where the warm-up ended.
        var gaps = measured.Zip(measured.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a.At, b.At).TotalMilliseconds).ToList();
        Assert.All(gaps, g => Assert.Equal(25, g, 3));
        var warm = due.Where(d => d.Warm).OrderBy(d => d.Number).ToList();
        Assert.Equal(500, Stopwatch.GetElapsedTime(warm[0].At, measured[0].At).TotalMilliseconds, 3);
        Assert.Equal(0, s.All.FailPercent);
        Assert.InRange(s.All.Rps, 39, 41);
    }

    [Fact]
    public async Task Open_model_latency_counts_the_wait_when_the_target_stalls()
    {
        // The endpoint stalls one request for a second; with one connection the requests due meanwhile queue behind it.
        var stallOnce = 0;
        await using var server = await FakeServer.StartAsync(app => app.MapGet("/", async (HttpContext c) =>
        {
            if (Interlocked.Exchange(ref stallOnce, 1) == 0) await Task.Delay(1000);
            await c.Response.WriteAsync("ok");
        }));
        using var http = Targets.Http.Create(server.Address, null, maxConnections: 1, TimeSpan.FromSeconds(10));
        var scenario = Scenario.Create("stall", async ctx =>
            {
                using var response = await http.GetAsync("", ctx.CancellationToken);
                return StepResult.FromStatus((int)response.StatusCode, 2);
            })
            .WithLoadSimulations(LoadSimulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        var report = await LoadTest.Create("stall", scenario).RunAsync();

        var s = Assert.Single(report.Scenarios).All;
        Assert.Equal(40, s.Ok);
        // About 20 requests were due during the stall, waiting from 1 s down to 0: a quarter of all is above ~0.5 s.
        Assert.True(s.Latency.Max >= 950, $"max {s.Latency.Max} ms");
        Assert.True(s.Latency.P75 >= 250, $"p75 {s.Latency.P75} ms — the queueing was hidden");
    }

    [Fact]
    public async Task Steps_run_in_order_have_their_own_statistics_and_a_failure_stops_the_invocation()
    {
        var third = 0;
        var scenario = Scenario.Create("multi",
                Step.Create("a", _ => Task.FromResult(StepResult.Ok(201, 100))),
                Step.Create("b", ctx => Task.FromResult(ctx.InvocationNumber % 4 == 0 ? StepResult.Fail("HTTP 503", 503) : StepResult.Ok(200, 50))),
                Step.Create("c", _ =>
                {
                    Interlocked.Increment(ref third);
                    throw new HttpRequestException("connection refused");
                }))
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(2, 20));
        var report = await LoadTest.Create("multi", scenario).WithThresholds("fail%<1", "multi.a:fail%==0").RunAsync();

        var s = Assert.Single(report.Scenarios);
        Assert.Equal(20, s.All.Fail);
        Assert.Equal(20, s.Steps[0].Ok);
        Assert.Equal((15L, 5L), (s.Steps[1].Ok, s.Steps[1].Fail));
        Assert.Equal(15, third);
        Assert.Equal(15, s.Steps[2].Fail);
        Assert.Equal(5, s.All.Errors.Single(e => e.Kind == "b: HTTP 503").Count);
        Assert.Equal(15, s.All.Errors.Single(e => e.Kind == "c: transport").Count);
        Assert.Equal("connection refused", s.Steps[2].Errors.Single().Example);
        Assert.Equal(5, s.Steps[1].StatusCodes["503"]);
        Assert.False(report.Passed);
        Assert.False(report.Thresholds[0].Passed);
        Assert.True(report.Thresholds[1].Passed);
    }

    [Fact]
    public async Task Several_scenarios_run_at_once_and_closed_model_keeps_its_copies_busy()
    {
        var concurrent = 0;
        var peak = 0;
        var closed = Scenario.Create("closed", async _ =>
            {
                var now = Interlocked.Increment(ref concurrent);
                InterlockedMax(ref peak, now);
                await Task.Delay(20);
                Interlocked.Decrement(ref concurrent);
                return StepResult.Ok();
            })
            .WithLoadSimulations(LoadSimulation.KeepConstant(3, TimeSpan.FromSeconds(1)));
        var open = Scenario.Create("open", _ => Task.FromResult(StepResult.Ok()))
            .WithLoadSimulations(LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        var report = await LoadTest.Create("both", closed, open).RunAsync();

        Assert.Equal(2, report.Scenarios.Count);
        Assert.Equal(10, report.Scenarios[1].All.Ok);
        Assert.Equal(3, peak);
        Assert.InRange(report.Scenarios[0].All.Ok, 60, 160); // 3 copies × ~1 s / ≥ 20 ms
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}

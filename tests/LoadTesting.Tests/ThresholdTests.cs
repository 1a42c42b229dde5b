namespace ConformanceKit.LoadTesting.Tests;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("p99<500ms", null, null, "p99", "<", 500)]
    [InlineData("p99 < 0.5s", null, null, "p99", "<", 500)]
    [InlineData("fail%<1", null, null, "fail%", "<", 1)]
    [InlineData("store-01.sell:p95<=200ms", "store-01", "sell", "p95", "<=", 200)]
    [InlineData("sale:rps>=40", "sale", null, "rps", ">=", 40)]
    [InlineData("sales-without-invoice==0", null, null, "sales-without-invoice", "==", 0)]
    [InlineData("late-204=0", null, null, "late-204", "==", 0)]
    [InlineData("p50<800us", null, null, "p50", "<", 0.8)]
    public void Thresholds_parse(string text, string? scenario, string? step, string metric, string op, double value)
    {
        var t = Threshold.Parse(text);
        Assert.Equal((scenario, step, metric, op), (t.Scenario, t.Step, t.Metric, t.Op));
        Assert.Equal(value, t.Value, 6);
    }

    [Theory]
    [InlineData("p99")]
    [InlineData("p99<<5")]
    [InlineData("fail%<1ms")]
    [InlineData("x:late-204==0")]
    [InlineData("p99<abc")]
    public void Bad_thresholds_are_refused_with_a_reason(string text)
    {
        Assert.False(Threshold.TryParse(text, out _, out var error));
        Assert.Contains(text.Split('<')[0], error);
    }

    private static ScenarioReport Scenario(string name, double p99, long ok, long fail) => new(name, ["inject"], 0, 10,
        new StepReport(name, ok, fail, 100.0 * fail / (ok + fail), (ok + fail) / 10.0, ok / 10.0, 0, new LatencyReport(1, 1, 2, 3, p99, p99, 0),
            new Dictionary<string, long>(), []),
        [new StepReport("post", ok, fail, 100.0 * fail / (ok + fail), 1, 1, 0, new LatencyReport(1, 1, 2, 3, p99 / 2, p99, 0), new Dictionary<string, long>(), [])],
        [], 0);

    [Fact]
    public void A_statistics_threshold_without_scope_must_hold_for_every_scenario()
    {
        var scenarios = new[] { Scenario("a", 120, 100, 0), Scenario("b", 900, 98, 2) };
        var metrics = new Dictionary<string, double>();
        var p99 = Threshold.Parse("p99<500ms").Evaluate(scenarios, metrics);
        Assert.False(p99.Passed);
        Assert.Equal(900, p99.Actual);
        Assert.Contains("b: p99 = 900 ms", p99.Detail);
        Assert.True(Threshold.Parse("a:p99<500ms").Evaluate(scenarios, metrics).Passed);
        Assert.True(Threshold.Parse("b.post:p99<500ms").Evaluate(scenarios, metrics).Passed);
        Assert.False(Threshold.Parse("fail%<1").Evaluate(scenarios, metrics).Passed);
        Assert.True(Threshold.Parse("fail%<=2").Evaluate(scenarios, metrics).Passed);
        Assert.False(Threshold.Parse("c:p99<500ms").Evaluate(scenarios, metrics).Passed);
    }

    [Fact]
    public void A_domain_threshold_reads_the_workloads_metric_and_fails_when_it_is_not_measured()
    {
        var metrics = new Dictionary<string, double> { ["sales-without-invoice"] = 3, ["duplicate-codes"] = 0 };
        Assert.False(Threshold.Parse("sales-without-invoice==0").Evaluate([], metrics).Passed);
        Assert.True(Threshold.Parse("duplicate-codes==0").Evaluate([], metrics).Passed);
        var missing = Threshold.Parse("late-204==0").Evaluate([], metrics);
        Assert.False(missing.Passed);
        Assert.Contains("does not measure late-204", missing.Detail);
    }
}

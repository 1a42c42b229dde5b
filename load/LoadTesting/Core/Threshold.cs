using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceKit.LoadTesting;

/// <summary>
/// A pass/fail rule over the run: <c>[scenario[.step]:]metric op value[unit]</c>, e.g. <c>p99&lt;500ms</c>,
/// <c>fail%&lt;1</c>, <c>sale.post:p95&lt;=200ms</c>, <c>rps&gt;=40</c>, or a domain metric the workload measures:
/// <c>sales-without-invoice==0</c>, <c>late-204==0</c>, <c>duplicate-codes==0</c>, or the target's memory
/// (<c>ws-slope-mb-per-min&lt;5</c>, <c>ws-max-mb&lt;512</c>, <c>ws-slope-mb-per-min&gt;-5</c>: values may be negative).
/// Statistics metrics: p50 p75 p95 p99 max mean min (latency, ms; units us/ms/s), fail% ok% rps okrps ok fail count bytes.
/// Without a scope a statistics threshold must hold for every scenario.
/// </summary>
public sealed partial record Threshold(string Expression, string? Scenario, string? Step, string Metric, string Op, double Value)
{
    public static readonly IReadOnlySet<string> StatsMetrics = new HashSet<string>(StringComparer.Ordinal)
    {
        "p50", "p75", "p95", "p99", "max", "mean", "min", "fail%", "ok%", "rps", "okrps", "ok", "fail", "count", "bytes",
    };

    private static readonly IReadOnlySet<string> LatencyMetrics = new HashSet<string>(StringComparer.Ordinal) { "p50", "p75", "p95", "p99", "max", "mean", "min" };

    public static Threshold Parse(string text)
    {
        if (!TryParse(text, out var t, out var error)) throw new FormatException(error);
        return t!;
    }

    public static bool TryParse(string? text, out Threshold? threshold, out string error)
    {
        threshold = null;
        error = "";
        var m = Grammar().Match((text ?? "").Replace(" ", "", StringComparison.Ordinal));
        if (!m.Success)
        {
            error = $"'{text}' is not a threshold: write [scenario[.step]:]metric op value, e.g. \"p99<500ms\", \"fail%<1\", \"sales-without-invoice==0\"";
            return false;
        }
        var metric = m.Groups["metric"].Value.ToLowerInvariant();
        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        if (LatencyMetrics.Contains(metric))
        {
            value = unit switch
            {
                "" or "ms" => value, "s" => value * 1000, "us" or "µs" => value / 1000, "m" => value * 60_000,
                _ => double.NaN,
            };
        }
        else if (unit is not "" and not "%")
        {
            value = double.NaN;
        }
        if (double.IsNaN(value))
        {
            error = $"'{text}': unit {unit} does not fit metric {metric}";
            return false;
        }
        string? scenario = null, step = null;
        if (m.Groups["scope"].Success)
        {
            var scope = m.Groups["scope"].Value;
            var dot = scope.IndexOf('.', StringComparison.Ordinal);
            (scenario, step) = dot < 0 ? (scope, null) : (scope[..dot], scope[(dot + 1)..]);
            if (!StatsMetrics.Contains(metric))
            {
                error = $"'{text}': a scope (scenario or scenario.step) goes only with a statistics metric ({string.Join(' ', StatsMetrics)})";
                return false;
            }
        }
        var op = m.Groups["op"].Value == "=" ? "==" : m.Groups["op"].Value;
        threshold = new Threshold(text!.Trim(), scenario, step, metric, op, value);
        return true;
    }

    public bool Holds(double actual) => Op switch
    {
        "<" => actual < Value, "<=" => actual <= Value, ">" => actual > Value, ">=" => actual >= Value, "==" => Math.Abs(actual - Value) < 1e-9,
        "!=" => Math.Abs(actual - Value) >= 1e-9, _ => false,
    };

    /// <summary>Judges the rule against the run's statistics and domain metrics.</summary>
    public ThresholdReport Evaluate(IReadOnlyList<ScenarioReport> scenarios, IReadOnlyDictionary<string, double> metrics)
    {
        if (!StatsMetrics.Contains(Metric))
        {
            if (!metrics.TryGetValue(Metric, out var v))
                return new ThresholdReport(Expression, "run", null, false,
                    $"this run does not measure {Metric} (it measures: {(metrics.Count == 0 ? "no domain metric" : string.Join(", ", metrics.Keys))})");
            return new ThresholdReport(Expression, "run", v, Holds(v), $"{Metric} = {Fmt(v)}");
        }
        var targets = new List<(string Scope, StepReport Stats)>();
        foreach (var s in scenarios.Where(s => Scenario is null || s.Name == Scenario))
        {
            if (Step is null) targets.Add((s.Name, s.All));
            else targets.AddRange(s.Steps.Where(st => st.Name == Step).Select(st => ($"{s.Name}.{st.Name}", st)));
        }
        var scopeName = Scenario is null ? "every scenario" : Step is null ? Scenario : $"{Scenario}.{Step}";
        if (targets.Count == 0) return new ThresholdReport(Expression, scopeName, null, false, $"no scenario or step {scopeName} in this run");
        var failing = targets.Select(t => (t.Scope, Value: Of(t.Stats))).Where(t => !Holds(t.Value)).ToList();
        var shown = failing.Count > 0 ? failing[0] : targets.Select(t => (t.Scope, Value: Of(t.Stats))).OrderBy(t => Op.StartsWith('<') ? -t.Value : t.Value).First();
        return new ThresholdReport(Expression, scopeName, shown.Value, failing.Count == 0,
            failing.Count == 0 ? $"holds ({shown.Scope}: {Metric} = {Fmt(shown.Value)})" : string.Join("; ", failing.Select(f => $"{f.Scope}: {Metric} = {Fmt(f.Value)}")));
    }

    private double Of(StepReport s) => Metric switch
    {
        "p50" => s.Latency.P50, "p75" => s.Latency.P75, "p95" => s.Latency.P95, "p99" => s.Latency.P99, "max" => s.Latency.Max,
        "mean" => s.Latency.Mean, "min" => s.Latency.Min, "fail%" => s.FailPercent, "ok%" => s.Count == 0 ? 0 : 100.0 * s.Ok / s.Count,
        "rps" => s.Rps, "okrps" => s.OkRps, "ok" => s.Ok, "fail" => s.Fail, "count" => s.Count, "bytes" => s.Bytes,
        _ => double.NaN,
    };

    private string Fmt(double v) => v.ToString(LatencyMetrics.Contains(Metric) ? "0.###' ms'" : "0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:(?<scope>[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)?):)?(?<metric>[A-Za-z][A-Za-z0-9_\-]*%?)(?<op><=|>=|==|!=|<|>|=)(?<value>-?\d+(?:\.\d+)?)(?<unit>us|µs|ms|s|m|%)?$")]
    private static partial Regex Grammar();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ConformanceKit.TaxAuthoritySim.Diagnostics;

/// <summary>
/// Where the time goes, per stage of a message's life (reception, record, queue wait, check,
/// notice, complete …): count, total and maximum, in real time. Served at /metrics in the
/// Prometheus text format so a load test can show which stage saturates.
/// </summary>
public sealed class StageTimings
{
    private sealed class Stage
    {
        public long Count;
        public long TotalTicks;
        public long MaxTicks;
    }

    private readonly ConcurrentDictionary<string, Stage> _stages = new(StringComparer.Ordinal);

    public void Record(string stage, long startTimestamp) => Add(stage, Stopwatch.GetTimestamp() - startTimestamp);

    public void Add(string stage, long elapsedTimestampTicks)
    {
        var s = _stages.GetOrAdd(stage, _ => new Stage());
        Interlocked.Increment(ref s.Count);
        Interlocked.Add(ref s.TotalTicks, elapsedTimestampTicks);
        long max;
        while (elapsedTimestampTicks > (max = Volatile.Read(ref s.MaxTicks))
               && Interlocked.CompareExchange(ref s.MaxTicks, elapsedTimestampTicks, max) != max)
        {
        }
    }

    public void Reset() => _stages.Clear();

    public string ToPrometheus()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# HELP ck_stage_seconds Real time spent per stage of a message's processing.");
        sb.AppendLine("# TYPE ck_stage_seconds summary");
        foreach (var (name, s) in _stages.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var count = Volatile.Read(ref s.Count);
            sb.Append(CultureInfo.InvariantCulture, $"ck_stage_seconds_count{{stage=\"{name}\"}} {count}\n");
            sb.Append(CultureInfo.InvariantCulture, $"ck_stage_seconds_sum{{stage=\"{name}\"}} {Seconds(Volatile.Read(ref s.TotalTicks)):0.######}\n");
            sb.Append(CultureInfo.InvariantCulture, $"ck_stage_seconds_max{{stage=\"{name}\"}} {Seconds(Volatile.Read(ref s.MaxTicks)):0.######}\n");
        }
        return sb.ToString();
    }

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
}

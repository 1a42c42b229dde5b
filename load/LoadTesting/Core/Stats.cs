using HdrHistogram;

namespace ConformanceKit.LoadTesting;

/// <summary>Counts and a latency histogram (HdrHistogram, µs, 3 significant digits, up to an hour) for one step or a whole scenario.</summary>
public sealed class StepStats(string name)
{
    internal const long MaxMicros = 3_600_000_000;
    private readonly object _gate = new();
    private readonly LongHistogram _latency = new(MaxMicros, 3);
    private readonly Dictionary<int, long> _statuses = [];
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _examples = new(StringComparer.Ordinal);
    private long _ok, _fail, _bytes;

    public string Name { get; } = name;

    public void Record(StepResult result, long micros)
    {
        lock (_gate)
        {
            _latency.RecordValue(Math.Clamp(micros, 0, MaxMicros));
            if (result.IsOk) _ok++;
            else
            {
                _fail++;
                var kind = result.Error ?? "failed";
                _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
                if (result.Message is { } m && !_examples.ContainsKey(kind)) _examples[kind] = m.Length > 300 ? m[..300] + "…" : m;
            }
            _bytes += result.SizeBytes;
            if (result.StatusCode != 0 || !result.IsOk) _statuses[result.StatusCode] = _statuses.GetValueOrDefault(result.StatusCode) + 1;
        }
    }

    public StepReport Snapshot(TimeSpan measured)
    {
        lock (_gate)
        {
            var count = _ok + _fail;
            double Ms(long us) => us / 1000.0;
            var latency = count == 0
                ? new LatencyReport(0, 0, 0, 0, 0, 0, 0)
                : new LatencyReport(Math.Round(_latency.GetMean() / 1000.0, 3), Ms(_latency.GetValueAtPercentile(50)), Ms(_latency.GetValueAtPercentile(75)),
                    Ms(_latency.GetValueAtPercentile(95)), Ms(_latency.GetValueAtPercentile(99)), Ms(_latency.GetMaxValue()), Ms(_latency.GetValueAtPercentile(0)));
            var seconds = Math.Max(measured.TotalSeconds, 1e-9);
            return new StepReport(Name, _ok, _fail, count == 0 ? 0 : Math.Round(100.0 * _fail / count, 3), Math.Round(count / seconds, 2),
                Math.Round(_ok / seconds, 2), _bytes, latency,
                _statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
                _errors.OrderByDescending(p => p.Value).Select(p => new ErrorReport(p.Key, p.Value, _examples.GetValueOrDefault(p.Key))).ToList());
        }
    }
}

/// <summary>A scenario's statistics: the whole invocation, each step, and a timeline of buckets over the measured window.</summary>
public sealed class ScenarioStats
{
    private readonly object _gate = new();
    private readonly List<TimelineBucket> _buckets = [];

    public ScenarioStats(Scenario scenario, TimeSpan bucketWidth)
    {
        Name = scenario.Name;
        All = new StepStats(scenario.Name);
        Steps = scenario.Steps.Select(s => new StepStats(s.Name)).ToList();
        BucketWidth = bucketWidth;
    }

    public string Name { get; }

    public StepStats All { get; }

    public IReadOnlyList<StepStats> Steps { get; }

    public TimeSpan BucketWidth { get; }

    /// <summary>Start of the measured window (timestamp); 0 until the warm-up is over.</summary>
    public long WindowStart { get; internal set; }

    public long WindowEnd { get; internal set; }

    public long Scheduled;

    public long Running;

    /// <summary>Arrivals dispatched later than 5 ms after they were due: the generator itself lagging (see the report).</summary>
    public long LateDispatches;

    internal void RecordTimeline(TimeSpan sinceStart, StepResult result, long micros)
    {
        if (sinceStart < TimeSpan.Zero) sinceStart = TimeSpan.Zero;
        var index = (int)(sinceStart.Ticks / BucketWidth.Ticks);
        lock (_gate)
        {
            while (_buckets.Count <= index) _buckets.Add(new TimelineBucket());
            _buckets[index].Record(result, micros);
        }
    }

    public IReadOnlyList<TimelinePoint> Timeline()
    {
        lock (_gate)
        {
            return _buckets.Select((b, i) => b.Point(i * BucketWidth.TotalSeconds, BucketWidth.TotalSeconds)).ToList();
        }
    }

    private sealed class TimelineBucket
    {
        private readonly IntHistogram _latency = new(StepStats.MaxMicros, 2);
        private long _ok, _fail;

        public void Record(StepResult result, long micros)
        {
            _latency.RecordValue(Math.Clamp(micros, 0, StepStats.MaxMicros));
            if (result.IsOk) _ok++;
            else _fail++;
        }

        public TimelinePoint Point(double at, double width)
        {
            var n = _ok + _fail;
            double P(double p) => n == 0 ? 0 : _latency.GetValueAtPercentile(p) / 1000.0;
            return new TimelinePoint(Math.Round(at, 3), _ok, _fail, Math.Round(n / width, 2), P(50), P(95), P(99), n == 0 ? 0 : _latency.GetMaxValue() / 1000.0);
        }
    }
}

using System.Globalization;

namespace ConformanceKit.LoadTesting;

/// <summary>
/// A run: several scenarios at once, each driven by its load simulations, then the domain checks, then the thresholds.
/// <code>
/// var report = await LoadTest.Create("my-shop", scenario1, scenario2)
///     .WithThresholds("p99&lt;500ms", "fail%&lt;1")
///     .WithProgress(Console.Error)
///     .RunAsync();
/// ReportWriter.WriteAll(report, "load-report");
/// </code>
/// </summary>
public sealed class LoadTest
{
    private readonly List<Scenario> _scenarios;
    private readonly List<Threshold> _thresholds = [];
    private readonly List<string> _notes = [];
    private TimeProvider _time = TimeProvider.System;
    private TextWriter? _progress;
    private TimeSpan _progressEvery = TimeSpan.FromSeconds(1);
    private Func<CancellationToken, Task<IReadOnlyDictionary<string, double>>>? _checks;
    private string _target = "";
    private MemoryProbe? _memory;
    private TimeSpan _memoryEvery = TimeSpan.FromSeconds(1);

    private LoadTest(string name, IEnumerable<Scenario> scenarios)
    {
        Name = name;
        _scenarios = [.. scenarios];
        if (_scenarios.Count == 0) throw new ArgumentException("a run needs at least one scenario");
        if (_scenarios.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != _scenarios.Count)
            throw new ArgumentException("scenario names must be distinct");
    }

    public string Name { get; }

    public static LoadTest Create(string name, params Scenario[] scenarios) => new(name, scenarios);

    public static LoadTest Create(string name, IEnumerable<Scenario> scenarios) => new(name, scenarios);

    public LoadTest WithThresholds(params string[] thresholds) => WithThresholds(thresholds.Select(Threshold.Parse).ToArray());

    public LoadTest WithThresholds(params Threshold[] thresholds)
    {
        _thresholds.AddRange(thresholds);
        return this;
    }

    /// <summary>The clock for scheduling and timing (tests pass a fake; default the system's).</summary>
    public LoadTest WithTimeProvider(TimeProvider time)
    {
        _time = time;
        return this;
    }

    /// <summary>A progress line per scenario every <paramref name="every"/> (default 1 s).</summary>
    public LoadTest WithProgress(TextWriter writer, TimeSpan? every = null)
    {
        _progress = writer;
        _progressEvery = every ?? _progressEvery;
        return this;
    }

    /// <summary>Domain checks run after the load (e.g. every sale got its invoice); their metrics feed the thresholds.</summary>
    public LoadTest WithChecks(Func<CancellationToken, Task<IReadOnlyDictionary<string, double>>> checks)
    {
        _checks = checks;
        return this;
    }

    public LoadTest WithTarget(string description)
    {
        _target = description;
        return this;
    }

    /// <summary>
    /// Samples the target process's memory every <paramref name="every"/> (default 1 s) on the run's clock, from the start
    /// until the checks are done: the report gets the samples (chart, memory.csv, timeline.csv) and the metrics ws-start-mb,
    /// ws-max-mb, ws-end-mb, ws-slope-mb-per-min … over the measured window (see <see cref="MemoryReport.Metrics"/>),
    /// which thresholds can judge (<c>ws-slope-mb-per-min&lt;5</c>).
    /// </summary>
    public LoadTest WithMemory(MemoryProbe probe, TimeSpan? every = null)
    {
        _memory = probe;
        _memoryEvery = every is { } e && e > TimeSpan.Zero ? e : _memoryEvery;
        return this;
    }

    public LoadTest WithNote(string note)
    {
        _notes.Add(note);
        return this;
    }

    public async Task<RunReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var runs = _scenarios.Select(s => new ScenarioRun(s, _time)).ToList();
        foreach (var s in _scenarios.Where(s => s.Init is not null)) await s.Init!(cancellationToken).ConfigureAwait(false);
        using var progress = _progress is null ? null : new ProgressPrinter(_progress, runs, _time, _progressEvery);
        using var memory = _memory is null ? null : new MemorySampler(_memory, _time, _memoryEvery);
        try
        {
            await Task.WhenAll(runs.Select(r => r.RunAsync(cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            progress?.Stop();
            foreach (var s in _scenarios.Where(s => s.Clean is not null)) await s.Clean!(CancellationToken.None).ConfigureAwait(false);
        }
        var scenarios = runs.Select(r => r.Report()).ToList();
        IReadOnlyDictionary<string, double> metrics = new Dictionary<string, double>();
        if (_checks is not null)
        {
            _progress?.WriteLine("checking the outcome (domain checks)…");
            metrics = await _checks(cancellationToken).ConfigureAwait(false);
        }
        MemoryReport? memoryReport = null;
        if (memory is not null)
        {
            memory.Stop();
            var windowStart = runs.Select(r => r.Stats.WindowStart).Where(t => t != 0).DefaultIfEmpty(started).Min();
            var measuredEnd = runs.Select(r => r.MeasuredEnd).DefaultIfEmpty(windowStart).Max();
            memoryReport = memory.Report(windowStart, Math.Max(0, (measuredEnd - windowStart) / (double)_time.TimestampFrequency));
            metrics = new Dictionary<string, double>(metrics).Concat(memoryReport.Metrics()).DistinctBy(p => p.Key).ToDictionary();
        }
        var notes = new List<string>(_notes);
        foreach (var s in scenarios.Where(s => s.LateDispatches > 0))
            notes.Add($"{s.Name}: {s.LateDispatches} arrivals left the generator more than 5 ms late (counted in their latency: the generator or the machine was saturated)");
        var thresholds = _thresholds.Select(t => t.Evaluate(scenarios, metrics)).ToList();
        return new RunReport(Name, _target, startedAt, _time.GetElapsedTime(started).TotalSeconds, scenarios, metrics, thresholds, notes,
            RunReport.DescribeMachine()) { Memory = memoryReport };
    }

    private sealed class ProgressPrinter : IDisposable
    {
        private readonly TextWriter _out;
        private readonly IReadOnlyList<ScenarioRun> _runs;
        private readonly TimeProvider _time;
        private readonly long _start;
        private readonly ITimer _timer;
        private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);
        private long _lastAt;

        public ProgressPrinter(TextWriter output, IReadOnlyList<ScenarioRun> runs, TimeProvider time, TimeSpan every)
        {
            _out = output;
            _runs = runs;
            _time = time;
            _start = _lastAt = time.GetTimestamp();
            _timer = time.CreateTimer(_ => Print(), null, every, every);
        }

        private void Print()
        {
            lock (_last)
            {
                var now = _time.GetTimestamp();
                var interval = Math.Max(1e-3, _time.GetElapsedTime(_lastAt, now).TotalSeconds);
                foreach (var r in _runs)
                {
                    var s = r.Stats.All.Snapshot(TimeSpan.FromSeconds(1));
                    var done = s.Count;
                    var before = _last.GetValueOrDefault(r.Scenario.Name);
                    _last[r.Scenario.Name] = done;
                    _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{_time.GetElapsedTime(_start).TotalSeconds,6:0.0}s] {r.Scenario.Name,-16} {r.PhaseName,-10} ok {s.Ok,8:N0}  fail {s.Fail,6:N0}  " +
                        $"in flight {Interlocked.Read(ref r.Stats.Running),5}  {(done - before) / interval,8:0.0}/s  p50 {s.Latency.P50,7:0.0} ms  p99 {s.Latency.P99,8:0.0} ms"));
                }
                _lastAt = now;
            }
        }

        public void Stop() => _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public void Dispose() => _timer.Dispose();
    }
}

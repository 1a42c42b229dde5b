namespace ConformanceKit.LoadTesting;

/// <summary>Reads a <see cref="MemoryProbe"/> now and then every <c>every</c> on the run's clock, keeping each reading with its timestamp.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly MemoryProbe _probe;
    private readonly TimeProvider _time;
    private readonly List<(long Timestamp, MemoryReading Reading)> _samples = [];
    private readonly ITimer _timer;
    private bool _stopped;

    public MemorySampler(MemoryProbe probe, TimeProvider time, TimeSpan every)
    {
        _probe = probe;
        _time = time;
        Every = every;
        Sample();
        _timer = time.CreateTimer(_ => Sample(), null, every, every);
    }

    public TimeSpan Every { get; }

    private void Sample()
    {
        MemoryReading? reading;
        try { reading = _probe.Read(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException) { reading = null; }
        var now = _time.GetTimestamp();
        if (reading is null) return;
        lock (_samples)
        {
            if (!_stopped) _samples.Add((now, reading));
        }
    }

    /// <summary>Takes a last reading and stops.</summary>
    public void Stop()
    {
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Sample();
        lock (_samples) _stopped = true;
    }

    /// <summary>The samples, placed on the measured window's axis (seconds since <paramref name="windowStart"/>).</summary>
    public MemoryReport Report(long windowStart, double measuredSeconds)
    {
        lock (_samples)
        {
            var points = _samples.Select(s => new MemoryPoint(
                Math.Round((s.Timestamp - windowStart) / (double)_time.TimestampFrequency, 3), MemoryReport.Mb(s.Reading.WorkingSetBytes),
                s.Reading.AnonymousBytes is { } a ? MemoryReport.Mb(a) : null, s.Reading.GcHeapBytes is { } g ? MemoryReport.Mb(g) : null)).ToList();
            return new MemoryReport(_probe.Process, Every.TotalSeconds, measuredSeconds, points);
        }
    }

    public void Dispose() => _timer.Dispose();
}

using System.Diagnostics;

namespace ConformanceKit.TaxAuthoritySim.Clock;

/// <summary>
/// The simulator's clock: real time by default, but it can be set, advanced and sped up (or
/// frozen with rate 0). Every deadline in the simulator reads it, so tests can jump 15 minutes.
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    /// <summary>
    /// The times the clock may be set to. Far enough from DateTimeOffset's ends that deadlines (+15 min), an
    /// advance (≤ 1 year) and GMT+7 formatting never overflow; wide enough for any test of the rules.
    /// </summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Exclusive: the clock may be set or advanced to any instant before it.</summary>
    public static readonly DateTimeOffset End = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const double MaxRate = 10_000;

    public static bool InRange(DateTimeOffset t) => t >= Earliest && t < End;

    public static bool IsValidRate(double rate) => double.IsFinite(rate) && rate is >= 0 and <= MaxRate;

    /// <summary>"2000-01-01T00:00:00Z … 2199-12-31T23:59:59Z" for error messages.</summary>
    public static string RangeText => $"{Earliest:yyyy-MM-ddTHH:mm:ssZ} … {End.AddSeconds(-1):yyyy-MM-ddTHH:mm:ssZ}";

    private readonly Lock _gate = new();
    private readonly TimeProvider _real;
    private DateTimeOffset _anchor;
    private long _anchorTimestamp;
    private double _rate;

    public SimulatedClock(TimeProvider? real = null, DateTimeOffset? start = null, double rate = 1.0)
    {
        if (!IsValidRate(rate)) throw new ArgumentOutOfRangeException(nameof(rate), $"the clock rate must be between 0 and {MaxRate}");
        if (start is { } t && !InRange(t)) throw new ArgumentOutOfRangeException(nameof(start), $"the clock must start in {RangeText}");
        _real = real ?? System;
        _anchor = start ?? _real.GetUtcNow();
        _anchorTimestamp = _real.GetTimestamp();
        _rate = rate;
    }

    /// <summary>Raised after the clock is set or advanced, so waiting work can re-check its deadlines.</summary>
    public event Action? Changed;

    public override TimeZoneInfo LocalTimeZone => VietnamTime.Zone;

    public double Rate { get { lock (_gate) return _rate; } }

    /// <summary>True when the clock follows real time (rate 1, never set).</summary>
    public bool IsReal { get; private set; } = true;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return NowLocked();
    }

    private DateTimeOffset NowLocked()
    {
        var elapsed = _real.GetElapsedTime(_anchorTimestamp);
        return _anchor + TimeSpan.FromTicks((long)(elapsed.Ticks * _rate));
    }

    /// <summary>Jumps to <paramref name="now"/> (when given) and runs at <paramref name="rate"/> (when given).</summary>
    public void Set(DateTimeOffset? now, double? rate)
    {
        if (rate is { } given && !IsValidRate(given)) throw new ArgumentOutOfRangeException(nameof(rate), "rate must be between 0 and 10000");
        if (now is { } t && !InRange(t)) throw new ArgumentOutOfRangeException(nameof(now), $"now must lie in {RangeText}");
        lock (_gate)
        {
            _anchor = now ?? NowLocked();
            _anchorTimestamp = _real.GetTimestamp();
            if (rate is { } r) _rate = r;
            IsReal = false;
        }
        Changed?.Invoke();
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "the clock only moves forward");
        lock (_gate)
        {
            var now = NowLocked();
            if (by >= End - now) throw new ArgumentOutOfRangeException(nameof(by), $"the clock would leave {RangeText}");
            _anchor = now + by;
            _anchorTimestamp = _real.GetTimestamp();
            IsReal = false;
        }
        Changed?.Invoke();
    }

    /// <summary>Back to real time at rate 1.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _anchor = _real.GetUtcNow();
            _anchorTimestamp = _real.GetTimestamp();
            _rate = 1.0;
            IsReal = true;
        }
        Changed?.Invoke();
    }

    /// <summary>Real time left until the simulated instant <paramref name="due"/> (infinite when frozen).</summary>
    public TimeSpan RealDelayUntil(DateTimeOffset due)
    {
        lock (_gate)
        {
            var left = due - NowLocked();
            if (left <= TimeSpan.Zero) return TimeSpan.Zero;
            if (_rate <= 0) return Timeout.InfiniteTimeSpan;
            return TimeSpan.FromTicks((long)Math.Min(left.Ticks / _rate, TimeSpan.FromDays(1).Ticks));
        }
    }

    internal static long Timestamp() => Stopwatch.GetTimestamp();
}

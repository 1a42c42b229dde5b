namespace ConformanceKit.LoadTesting.Tests;

/// <summary>A clock the test moves by hand: timestamps in 100 ns ticks, timers fire when <see cref="Advance"/> passes them.</summary>
public sealed class ManualTime : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<Timer> _timers = [];
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _now);

    /// <summary>Timers waiting for the clock: when this stops changing, everything running is parked on the clock.</summary>
    public int PendingTimers
    {
        get { lock (_gate) return _timers.Count; }
    }

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<Timer> due;
        lock (_gate)
        {
            _now += by.Ticks;
            due = _timers.Where(t => t.DueAt <= _now).ToList();
            foreach (var t in due)
            {
                if (t.Period > TimeSpan.Zero && t.Period != Timeout.InfiniteTimeSpan) t.DueAt = _now + t.Period.Ticks;
                else _timers.Remove(t);
            }
        }
        foreach (var t in due) t.Fire();
    }

    private sealed class Timer(ManualTime owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt;
        public TimeSpan Period;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                Period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = owner._now + dueTime.Ticks;
                owner._timers.Add(this);
            }
            if (dueTime == TimeSpan.Zero) owner.Advance(TimeSpan.Zero);
            return true;
        }

        public void Dispose()
        {
            lock (owner._gate) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

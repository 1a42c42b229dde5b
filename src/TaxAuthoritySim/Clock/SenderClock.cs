namespace ConformanceKit.TaxAuthoritySim.Clock;

/// <summary>
/// The simulated time as one sender (T-VAN / K code) sees it: the simulator's clock plus that sender's own offset.
/// A certification session's sender has the session's offset (advanced by the certifier for that session alone);
/// every other sender has none, so its time is exactly <see cref="SimulatedClock"/>'s. Everything time-dependent for a
/// sender's messages (receipt, the 15-minute deadline, the notices' times, the release of a delayed 204) reads this.
/// </summary>
public sealed class SenderClock(SimulatedClock clock)
{
    private volatile IReadOnlyDictionary<string, TimeSpan> _offsets = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>The shared clock under every sender's time.</summary>
    public SimulatedClock Shared => clock;

    /// <summary>Raised after an offset changed, so waiting work (the queue) can re-check its deadlines.</summary>
    public event Action? Changed;

    /// <summary>The senders with an offset (only those with a non-zero one).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Offsets => _offsets;

    public TimeSpan Offset(string? sender) =>
        sender is not null && _offsets.TryGetValue(sender, out var offset) ? offset : TimeSpan.Zero;

    /// <summary>The sender's simulated now; the shared clock's for a sender without an offset (or none).</summary>
    public DateTimeOffset Now(string? sender) => clock.GetUtcNow() + Offset(sender);

    /// <summary>Real time left until the sender's simulated instant <paramref name="due"/>.</summary>
    public TimeSpan RealDelayUntil(string? sender, DateTimeOffset due) => clock.RealDelayUntil(due - Offset(sender));

    /// <summary>Replaces every offset (the certification sessions own them; zero offsets are dropped).</summary>
    public void SetOffsets(IEnumerable<KeyValuePair<string, TimeSpan>> offsets)
    {
        var next = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (sender, offset) in offsets)
            if (offset != TimeSpan.Zero) next[sender] = offset;
        _offsets = next;
        Changed?.Invoke();
    }
}

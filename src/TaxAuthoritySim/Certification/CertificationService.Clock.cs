using ConformanceKit.TaxAuthoritySim.Clock;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>
/// Each session's own clock: an offset on top of the simulator's clock, advanced by the certifier for that session
/// alone and persisted with it. The offsets are published to <see cref="SenderClock"/>, which every time-dependent part
/// of the simulator reads for the session's sender.
/// </summary>
public sealed partial class CertificationService
{
    /// <summary>How advancing a session's clock went.</summary>
    public enum AdvanceOutcome { Advanced, NotFound, Closed, OutOfRange }

    /// <summary>The session's simulated now (the simulator's clock plus its offset).</summary>
    public DateTimeOffset SessionNow(CertificationSession session) => clock.Shared.GetUtcNow() + session.ClockOffset;

    /// <summary>Moves only this session's clock forward by <paramref name="by"/> (&gt; 0): its held 204s become due on its
    /// time, its deadlines and notices follow it; other sessions and the simulator's clock are unchanged.</summary>
    public async Task<(AdvanceOutcome Outcome, CertificationSession? Session)> AdvanceClockAsync(string sessionId, TimeSpan by, CancellationToken ct)
    {
        if (by <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "a session's clock only moves forward");
        await _gate.WaitAsync(ct);
        try
        {
            var sessions = await LoadedAsync(ct);
            if (!sessions.TryGetValue(sessionId, out var session)) return (AdvanceOutcome.NotFound, null);
            if (!session.IsOpen) return (AdvanceOutcome.Closed, session);
            if (by >= SimulatedClock.End - SessionNow(session)) return (AdvanceOutcome.OutOfRange, session);
            session = session with { ClockOffset = session.ClockOffset + by };
            sessions[session.Id] = session;
            await SaveAsync(sessions, session, ct);
            PublishOffsets(sessions);
            return (AdvanceOutcome.Advanced, session);
        }
        finally { _gate.Release(); }
    }

    private void PublishOffsets(Dictionary<string, CertificationSession> sessions) =>
        clock.SetOffsets(sessions.Values.Select(s => KeyValuePair.Create(s.Sender, s.ClockOffset)));
}

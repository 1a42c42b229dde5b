using System.Globalization;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Harness.Reports;
using static ConformanceKit.Harness.Observe.ObservationCase;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// What the simulator's fault rules explain: a 204 dropped (journal "fault: 204 dropped"), a 204 delayed past the
/// 15-minute bound (journal "fault: 204 delayed N s") and messages answered 503/500 or cut off without being taken
/// (GET /admin/v1/faults). In a fault window these are expected, not failures: each is an info finding saying what the
/// vendor's system should have done (look the invoices up, resend the same message).
/// </summary>
public static class FaultExpectations
{
    /// <summary>Every code of this kind starts so.</summary>
    public const string Prefix = "OBS-FAULT-";
    public const string Dropped204 = "OBS-FAULT-204-DROPPED";
    public const string Late204 = "OBS-FAULT-204-LATE";
    public const string NotTaken = "OBS-FAULT-NOT-TAKEN";

    private const string DroppedNote = "(fault: 204 dropped)";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The expectation when a fault rule dropped the package's 204; null when the journal shows no such fault.</summary>
    public static Finding? Dropped(Observation observation, ObservedPackage p)
    {
        var line = p.NoticeLines.FirstOrDefault(l => (l.Outcome ?? "").Contains(DroppedNote, StringComparison.Ordinal));
        if (line is null) return null;
        var resent = observation.Replays.FirstOrDefault(r => r.MessageId == p.MessageId && r.At >= p.ReceivedAt);
        var did = resent is null
            ? " No resend of it was seen in the window (a look-up leaves no trace in the journal)."
            : $" It did: the same message was resent at {VietnamClock.Format(resent.At)} and the authority replayed its 999.";
        return Info(Dropped204,
            $"expected: a fault rule of the simulator dropped the 204 of this package received at {VietnamClock.Format(p.ReceivedAt)} " +
            $"(journal: \"{line.Outcome}\"); the authority checked it all the same. What the vendor's system should do when no 204 " +
            "comes within 15 minutes: look its invoices up (GET /api/v1/invoices/{mst}/{code}) to learn whether they were stored, " +
            "or resend the same message (same MTDiep and bytes), never the invoices under a new MTDiep." + did,
            p.MessageId);
    }

    /// <summary>
    /// The expectation when a fault rule delayed the 204 so that it is not visible yet, and would have been on time
    /// without the delay; null otherwise.
    /// </summary>
    public static Finding? Pending(ObservedPackage p, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero || p.NoticeLines.FirstOrDefault() is not { } line || line.AtValue - p.ReceivedAt > AnsweredCheck.Deadline)
            return null;
        return Info(Late204,
            $"expected: a fault rule of the simulator delayed the 204 by {N(delay.TotalSeconds)} s; it is due at " +
            $"{VietnamClock.Format(line.AtValue + delay)} and was not visible yet (journal: \"{line.Outcome}\"). What the vendor's " +
            "system should do: keep the package pending and, past 15 minutes, look it up or its invoices " +
            "(GET /api/v1/messages/{id}/responses, GET /api/v1/invoices/{mst}/{code}); resending is allowed only with the same MTDiep and bytes.",
            p.MessageId);
    }

    /// <summary>
    /// The expectation when a fault rule's delay made the 204 late and it would have been on time without it; null
    /// otherwise (late on its own: a failure).
    /// </summary>
    public static Finding? Delayed(ObservedPackage p, DateTimeOffset delivered, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero || delivered - delay - p.ReceivedAt > AnsweredCheck.Deadline) return null;
        return Info(Late204,
            $"expected: a fault rule of the simulator delayed the 204 by {N(delay.TotalSeconds)} s; it became visible at " +
                $"{VietnamClock.Format(delivered)}, {N((delivered - p.ReceivedAt).TotalMinutes)} simulated minutes after receipt at " +
                $"{VietnamClock.Format(p.ReceivedAt)} (limit 15), on time without the fault. What the vendor's system should do: " +
                "keep the package pending and, past 15 minutes, look it up or its invoices (GET /api/v1/messages/{id}/responses, " +
                "GET /api/v1/invoices/{mst}/{code}); resending is allowed only with the same MTDiep and bytes.",
            p.MessageId);
    }

    /// <summary>
    /// One expectation per fault rule that answered 503 or 500, or closed the connection, for this taxpayer (or any): those
    /// messages were not taken, so no 999 or 204 exists for them in the journal.
    /// </summary>
    public static IEnumerable<Finding> Refusals(Observation observation)
    {
        foreach (var rule in observation.Faults)
        {
            if (rule.Fired <= 0 || rule.Action is not (FaultAction.Status503 or FaultAction.Status500 or FaultAction.CloseConnection)) continue;
            if (rule.Mst is { } mst && mst != observation.Window.TaxCode) continue;
            if (rule.MessageType is { } type && type != "206") continue;
            var what = rule.Action switch
            {
                FaultAction.Status503 => "answered HTTP 503 (with Retry-After)",
                FaultAction.Status500 => "answered HTTP 500",
                _ => "closed the connection without an answer",
            };
            var scope = (rule.Route ?? "any route") + (rule.Mst is null ? ", any MST" : ", MST " + rule.Mst);
            yield return Info(NotTaken,
                    $"expected: fault rule {rule.Id} ({scope}) {what} {rule.Fired} time(s) since it was added, without taking the message " +
                    "(no 999, nothing stored). What the vendor's system should do: send the same message again (same MTDiep and bytes) " +
                    "after Retry-After or a back-off; a serial then missing from OBS-CODES means a message was never resent.",
                location: "fault " + rule.Id);
        }
    }
}

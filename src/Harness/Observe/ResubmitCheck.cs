using ConformanceKit.Harness.Reports;
using static ConformanceKit.Harness.Observe.ObservationCase;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// OBS-RESUBMIT: resubmissions are idempotent. The same MTDiep with other bytes (1008) and an already stored code sent
/// again under a new MTDiep (7005) are errors; a same-bytes resend (the first 999 replayed, processed once) is fine (info).
/// </summary>
public sealed class ResubmitCheck : IObservationCheck
{
    public const string Id = "OBS-RESUBMIT";
    public const string Replay = "OBS-REPLAY";

    public CaseReport Judge(Observation observation)
    {
        var findings = new List<Finding>();
        foreach (var r in observation.Refusals)
            foreach (var reason in r.Reasons.Where(x => x.Code == "1008"))
            {
                var original = observation.Package(r.MessageId);
                var firstAt = original is null ? "before the window" : "at " + VietnamClock.Format(original.ReceivedAt);
                findings.Add(Error("1008",
                    $"MTDiep {r.MessageId} sent again at {VietnamClock.Format(r.At)} with different content (first received {firstAt}); " +
                    "a resend must carry the same bytes, new content needs a new MTDiep",
                    r.MessageId));
            }
        foreach (var p in observation.Packages.Where(p => p.Rejected))
            foreach (var e in (p.Notice!.Errors ?? []).Where(e => e.Code == "7005"))
            {
                var code = AcceptedCheck.InvoiceOf(e);
                var stored = observation.Packages.FirstOrDefault(o => o != p && o.ReceivedAt <= p.ReceivedAt && !o.Rejected
                    && o.Invoices.Any(i => i.Code == code));
                var where = stored is null ? "stored before the window" : $"stored from package {stored.MessageId} (received {VietnamClock.Format(stored.ReceivedAt)})";
                findings.Add(Error("7005",
                    $"invoice {code} re-sent under a new MTDiep {p.MessageId} although it was already {where}; " +
                    "a stored invoice must not be sent again (resend the same message with the same MTDiep and bytes instead)",
                    p.MessageId, code, AcceptedCheck.LocationOf(e)));
            }
        foreach (var r in observation.Replays)
            findings.Add(Info(Replay,
                $"MTDiep {r.MessageId} re-sent with the same bytes at {VietnamClock.Format(r.At)}: the first 999 was replayed and the package processed once",
                r.MessageId));
        return Of(Id, "Resubmissions idempotent", "Gửi lại không tạo trùng lặp",
            "contract: a resend with the same MTDiep and bytes replays the first 999 (1008 otherwise); Decision 1391 check 7 (7005)",
            "no MTDiep reused for other content (1008), no stored invoice sent again under a new MTDiep (7005); same-bytes resends allowed",
            findings, observation.ExchangesAbout(findings.Select(f => f.MessageId)));
    }
}

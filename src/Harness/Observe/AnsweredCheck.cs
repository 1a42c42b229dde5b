using ConformanceKit.AuthorityContract;
using System.Globalization;
using System.Text.RegularExpressions;
using ConformanceKit.Harness.Reports;
using static ConformanceKit.Harness.Observe.ObservationCase;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// OBS-ANSWERED: every 206 taken for processing (999 TTTNhan 0) has its 204, no later than 15 simulated minutes after
/// receipt; every refusal at reception (999 TTTNhan 1) is an error with its 1xxx code (1008 is left to OBS-RESUBMIT).
/// A 204 the simulator's fault rules dropped or delayed past the bound is expected (info, with what the vendor's system
/// should have done), as is a 503/500/closed connection a rule answered (see <see cref="FaultExpectations"/>). A window
/// with no package taken is INCOMPLETE: nothing was there to judge.
/// </summary>
public sealed partial class AnsweredCheck : IObservationCheck
{
    public const string Id = "OBS-ANSWERED";
    public const string Unanswered = "OBS-UNANSWERED";
    public const string Late = "OBS-LATE-204";
    public const string NoTraffic = "OBS-NO-TRAFFIC";
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(15);

    public CaseReport Judge(Observation observation)
    {
        var findings = new List<Finding>();
        foreach (var p in observation.Packages)
        {
            var received = VietnamClock.Format(p.ReceivedAt);
            if (p.Notices.Count == 0 && (FaultExpectations.Dropped(observation, p) ?? FaultExpectations.Pending(p, FaultDelay(p))) is { } expected)
            {
                findings.Add(expected);
                continue;
            }
            if (p.Notices.Count == 0)
            {
                var journal = p.NoticeLines.FirstOrDefault()?.Outcome;
                findings.Add(Error(Unanswered,
                    $"package received at {received} (999 TTTNhan 0) has no 204" +
                    (journal is null ? " (the simulator has not produced one)" : $" visible (the simulator's journal: \"{journal}\")"),
                    p.MessageId));
                continue;
            }
            if (Delivered(p) is { } at && at - p.ReceivedAt > Deadline && FaultExpectations.Delayed(p, at, FaultDelay(p)) is { } delayed)
                findings.Add(delayed);
            else if (Delivered(p) is { } late && late - p.ReceivedAt > Deadline)
                findings.Add(Error(Late,
                    $"204 delivered at {VietnamClock.Format(late)}, {(late - p.ReceivedAt).TotalMinutes:0.#} simulated minutes after receipt at {received} (limit 15)",
                    p.MessageId));
        }
        foreach (var r in observation.Refusals)
            foreach (var reason in r.Reasons.Where(x => x.Code != "1008"))
                findings.Add(Error(reason.Code ?? "?",
                    $"refused at reception at {VietnamClock.Format(r.At)} (999 TTTNhan 1, HTTP {r.Received.HttpStatus})" +
                    (string.IsNullOrEmpty(reason.Description) ? "" : ": " + reason.Description),
                    r.MessageId));
        findings.AddRange(FaultExpectations.Refusals(observation));
        var about = findings.Select(f => f.MessageId);
        var exchanges = observation.ExchangesAbout(about);
        if (findings.Any(f => f.Code?.StartsWith(FaultExpectations.Prefix, StringComparison.Ordinal) == true))
            exchanges = [.. exchanges, .. observation.Exchanges.Where(e => e.Step == "faults")];
        var noTraffic = observation.Packages.Count == 0 && findings.All(f => f.Severity != FindingSeverity.Error);
        if (noTraffic)
            findings.Add(Warning(NoTraffic,
                $"no package was taken (999 TTTNhan 0) from MST {observation.Window.TaxCode} between {VietnamClock.Format(observation.Window.From)} " +
                $"and {VietnamClock.Format(observation.Window.To)} (simulated time): nothing to judge, the observation is INCOMPLETE"));
        var report = Of(Id, "Every package answered", "Mọi gói dữ liệu đều được phản hồi",
            "Decision 1391/QĐ-TCT step 1: a 204 (Form 01/TB-KTDL) within 15 minutes of receipt; reception 999",
            $"{observation.Packages.Count} package(s) taken (999 TTTNhan 0), each answered by a 204 within 15 simulated minutes " +
            "(unless a fault rule of the simulator dropped or delayed it: then the vendor's system looks the invoices up or resends); " +
            "no refusal at reception (999 TTTNhan 1)",
            findings, exchanges);
        return noTraffic ? report with { Outcome = CaseOutcome.Incomplete } : report;
    }

    /// <summary>The delay a fault rule added to the package's 204, as the simulator's journal noted it ("fault: 204 delayed N s").</summary>
    private static TimeSpan FaultDelay(ObservedPackage p) =>
        p.NoticeLines.FirstOrDefault() is { } line && DelayNote().Match(line.Outcome ?? "") is { Success: true } m
            ? TimeSpan.FromSeconds(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            : TimeSpan.Zero;

    /// <summary>
    /// When the 204 became visible: the journal's time of the notice plus a delay the simulator noted
    /// ("fault: 204 delayed N s"); without a journal line, the notice's TGGui (GMT+7).
    /// </summary>
    private static DateTimeOffset? Delivered(ObservedPackage p)
    {
        if (p.NoticeLines.FirstOrDefault() is { } line)
        {
            var delay = DelayNote().Match(line.Outcome ?? "") is { Success: true } m
                ? TimeSpan.FromSeconds(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                : TimeSpan.Zero;
            return line.AtValue + delay;
        }
        return p.Notice?.SentAt is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Unspecified), VietnamClock.Offset) : null;
    }

    [GeneratedRegex(@"204 delayed ([0-9]+(?:\.[0-9]+)?) s")]
    private static partial Regex DelayNote();
}

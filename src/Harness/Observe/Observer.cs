using System.Diagnostics;
using System.Reflection;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// `ck observe`'s work: reads the window from the simulator and judges it, one case per check, into a
/// <see cref="RunReport"/> of kind "observe". Only error findings fail a case; warnings and infos are reported.
/// </summary>
public sealed class Observer(SimulatorAdminClient client, TimeProvider? time = null)
{
    public const string Kind = "observe";

    public static IReadOnlyList<IObservationCheck> Checks { get; } =
        [new AnsweredCheck(), new AcceptedCheck(), new CodesCheck(), new ResubmitCheck(), new AdvisoryCheck(),
         new CorrectionsCheck()];

    public async Task<RunReport> ObserveAsync(ObserveWindow window, CancellationToken ct)
    {
        var clock = time ?? TimeProvider.System;
        var started = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        var elapsed = Stopwatch.StartNew();
        var observation = await new ObservationCollector(client).CollectAsync(window, ct);
        var cases = new List<CaseReport>();
        foreach (var check in Checks)
        {
            var one = Stopwatch.StartNew();
            var report = check.Judge(observation);
            cases.Add(report with { DurationMs = one.ElapsedMilliseconds });
        }
        var summary = ReportSummary.Of(cases, elapsed.Elapsed);
        return new RunReport
        {
            Kind = Kind,
            SessionId = Guid.NewGuid().ToString("N"),
            Tool = ToolInfo.Current,
            CatalogueVersion = null,
            Target = new TargetInfo(window.Simulator.ToString(), "observed simulator"),
            StartedAt = started,
            FinishedAt = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)),
            Options = new Dictionary<string, string>
            {
                ["mst"] = window.TaxCode,
                ["from"] = VietnamClock.Format(window.From),
                ["to"] = VietnamClock.Format(window.To),
            },
            Summary = summary,
            Cases = cases,
            Verdict = VerdictOf(cases, observation),
            Window = WindowOf(observation),
            Counts = CountsOf(observation),
        };
    }

    /// <summary>FAILED with any error finding; else INCOMPLETE when no package was taken in the window; else PASSED.</summary>
    public static string VerdictOf(IReadOnlyList<CaseReport> cases, Observation observation) =>
        cases.Any(c => c.Findings.Any(f => f.Severity == FindingSeverity.Error)) ? ReportVerdicts.Failed
        : observation.Packages.Count == 0 || cases.Any(c => c.Outcome == CaseOutcome.Incomplete) ? ReportVerdicts.Incomplete
        : ReportVerdicts.Passed;

    /// <summary>
    /// The window as asked (simulated time) and, in real time, when the first and last message of the window arrived
    /// (absent when there was none).
    /// </summary>
    public static ReportWindow WindowOf(Observation observation)
    {
        var wall = observation.Journal.Where(l => l.IsIn && observation.Window.Contains(l.AtValue))
            .Select(l => DateTimeOffset.TryParse(l.WallAt, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var t) ? t : (DateTimeOffset?)null)
            .Where(t => t is not null).Select(t => t!.Value).ToList();
        return new ReportWindow
        {
            SimulatedFrom = observation.Window.From.ToOffset(VietnamClock.Offset),
            SimulatedTo = observation.Window.To.ToOffset(VietnamClock.Offset),
            RealFrom = wall.Count == 0 ? null : wall.Min().ToOffset(VietnamClock.Offset),
            RealTo = wall.Count == 0 ? null : wall.Max().ToOffset(VietnamClock.Offset),
        };
    }

    /// <summary>Packages taken, their invoices, the 204s they got, and messages refused at reception.</summary>
    public static TrafficCounts CountsOf(Observation observation) => new(
        observation.Packages.Count, observation.Packages.Sum(p => p.Invoices.Count), observation.Packages.Sum(p => p.Notices.Count))
    {
        Refused = observation.Refusals.Count,
    };

    /// <summary>Error findings over every case (what ck's exit code reports).</summary>
    public static int ErrorCount(RunReport report) =>
        report.Cases.Sum(c => c.Findings.Count(f => f.Severity == FindingSeverity.Error));
}

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
            Summary = ReportSummary.Of(cases, elapsed.Elapsed),
            Cases = cases,
        };
    }

    /// <summary>Error findings over every case (what ck's exit code reports).</summary>
    public static int ErrorCount(RunReport report) =>
        report.Cases.Sum(c => c.Findings.Count(f => f.Severity == FindingSeverity.Error));
}

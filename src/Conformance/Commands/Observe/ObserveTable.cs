using ConformanceKit.Conformance.Cli;
using ConformanceKit.Harness.Reports;
using Spectre.Console;

namespace ConformanceKit.Conformance.Commands.Observe;

/// <summary>The human-readable summary of `ck observe`: one row per check, then every finding.</summary>
internal static class ObserveTable
{
    public static void Write(RunReport report, CliIO io)
    {
        var console = Consoles.For(io.Out, io.IsTerminal);
        var options = report.Options;
        console.MarkupLine(Markup.Escape(
            $"Observed {report.Target.Url} — MST {options.GetValueOrDefault("mst")}, {options.GetValueOrDefault("from")} … {options.GetValueOrDefault("to")} (simulated time)"));
        if (report.Counts is { } counts) console.MarkupLine(Markup.Escape("Traffic: " + counts));
        console.MarkupLine(Markup.Escape("Self-run report, not a certification."));

        var cases = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Check").NoWrap()).AddColumn(new TableColumn("Outcome").NoWrap())
            .AddColumn(new TableColumn("Errors").RightAligned()).AddColumn(new TableColumn("Warnings").RightAligned())
            .AddColumn(new TableColumn("Infos").RightAligned()).AddColumn("What");
        foreach (var c in report.Cases)
        {
            var outcome = c.Outcome switch
            {
                CaseOutcome.Passed => "[green]passed[/]",
                CaseOutcome.Incomplete => "[yellow]incomplete[/]",
                _ => $"[red]{c.Outcome.ToString().ToLowerInvariant()}[/]",
            };
            cases.AddRow(Markup.Escape(c.Id), outcome, Count(c, FindingSeverity.Error), Count(c, FindingSeverity.Warning),
                Count(c, FindingSeverity.Info), Markup.Escape(c.TitleEn));
        }
        console.Write(cases);

        var all = report.Cases.SelectMany(c => c.Findings.Select(f => (Case: c.Id, Finding: f))).ToList();
        if (all.Count > 0)
        {
            // Codes, ids and paths are copied and grepped: never wrap them.
            var findings = new Table().Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("Check").NoWrap()).AddColumn(new TableColumn("Severity").NoWrap())
                .AddColumn(new TableColumn("Code").NoWrap()).AddColumn(new TableColumn("MTDiep").NoWrap())
                .AddColumn(new TableColumn("Invoice").NoWrap()).AddColumn("Location").AddColumn("Finding");
            foreach (var (id, f) in all)
            {
                var severity = f.Severity switch
                {
                    FindingSeverity.Error => "[red]error[/]",
                    FindingSeverity.Warning => "[yellow]warning[/]",
                    _ => "info",
                };
                findings.AddRow(Markup.Escape(id), severity, Markup.Escape(f.Code ?? ""), Markup.Escape(f.MessageId ?? ""),
                    Markup.Escape(f.Invoice ?? ""), Markup.Escape(f.Location ?? ""), Markup.Escape(f.Message));
            }
            console.Write(findings);
        }
        var errors = all.Count(x => x.Finding.Severity == FindingSeverity.Error);
        var expected = all.Count(x => x.Finding.Code?.StartsWith(Harness.Observe.FaultExpectations.Prefix, StringComparison.Ordinal) == true);
        if (expected > 0)
            console.MarkupLine($"[grey]{expected} fault(s) of the simulator explained what was missing or late: expected, not failures[/]");
        console.MarkupLine(report.EffectiveVerdict switch
        {
            ReportVerdicts.Incomplete => "[yellow]INCOMPLETE[/]: no package taken in the window, nothing to judge",
            _ when errors == 0 => $"[green]PASSED ✔ no error finding[/] ({report.Summary.Passed}/{report.Summary.Total} checks passed)",
            _ => $"[red]FAILED ✘ {errors} error finding(s)[/] ({report.Summary.Failed} of {report.Summary.Total} checks failed)",
        });
    }

    private static string Count(CaseReport c, FindingSeverity severity) =>
        c.Findings.Count(f => f.Severity == severity).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

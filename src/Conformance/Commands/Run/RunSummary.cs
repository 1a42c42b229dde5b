using ConformanceKit.Harness.Reports;
using Spectre.Console;

namespace ConformanceKit.Conformance.Commands.Run;

/// <summary>The end of `ck run`: every case that did not pass with its findings, the totals, and where the reports are.</summary>
public static class RunSummary
{
    public static void Write(IAnsiConsole console, RunReport report, IReadOnlyList<string> paths, TimeSpan wall)
    {
        var failed = report.Cases.Where(c => c.Outcome != CaseOutcome.Passed).ToList();
        if (failed.Count > 0)
        {
            var table = new Table().AddColumns("case", "outcome", "findings");
            foreach (var c in failed)
                table.AddRow(Markup.Escape(c.Id) + "\n[grey]" + Markup.Escape(c.TitleEn) + "[/]", $"[red]{c.Outcome}[/]",
                    Markup.Escape(string.Join("\n", c.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Message))));
            console.Write(table);
        }
        var s = report.Summary;
        var verdict = report.AllPassed ? "[green]PASSED[/]" : "[red]FAILED[/]";
        console.MarkupLine($"{verdict}: {s.Passed} passed, {s.Failed} failed, {s.Errors} errors of {s.Total} cases in {wall.TotalSeconds:0.0} s (cases {s.DurationMs / 1000.0:0.0} s); session {report.SessionId}");
        foreach (var path in paths) console.MarkupLine($"  report: [link]{Markup.Escape(path)}[/]");
    }
}

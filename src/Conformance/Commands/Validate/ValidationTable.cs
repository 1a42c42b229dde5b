using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;
using Spectre.Console;

namespace ConformanceKit.Conformance.Commands.Validate;

/// <summary>The human-readable report of `ck validate`: a verdict line and a findings table per file.</summary>
internal static class ValidationTable
{
    public static void Write(IReadOnlyList<ValidateCommand.Outcome> outcomes, CliIO io)
    {
        var console = Consoles.For(io.Out, io.IsTerminal);
        foreach (var outcome in outcomes)
        {
            if (outcome.Result is not { } result)
            {
                console.MarkupLine($"[red]✘ {Markup.Escape(outcome.Name)}: cannot read — {Markup.Escape(outcome.ReadError ?? "")}[/]");
                continue;
            }
            var what = result.MessageType is null ? "" : $"message {result.MessageType}" +
                (result.MessageType == "206" ? $", {result.InvoiceCount} invoice(s)" : "") +
                (result.MessageId is null ? "" : $", MTDiep {result.MessageId}");
            var verdict = result.IsValid
                ? $"[green]✔ {Markup.Escape(outcome.Name)}: valid[/]"
                : $"[red]✘ {Markup.Escape(outcome.Name)}: invalid[/]";
            console.MarkupLine($"{verdict} ({result.ErrorCount} error(s), {result.WarningCount} warning(s)) {Markup.Escape(what)}");
            if (result.Findings.Count > 0) console.Write(Findings(result.Findings));
            foreach (var s in result.Signatures) console.MarkupLine("  " + Signature(s));
            console.WriteLine();
        }
        var valid = outcomes.Count(o => o.Result?.IsValid == true);
        console.MarkupLine($"{outcomes.Count} file(s): {valid} valid, {outcomes.Count - valid} invalid or unreadable.");
    }

    private static Table Findings(IReadOnlyList<Finding> findings)
    {
        // Codes, locations and paths are copied and grepped: never wrap them.
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Code").NoWrap()).AddColumn(new TableColumn("Line:Col").NoWrap())
            .AddColumn(new TableColumn("Invoice").NoWrap()).AddColumn(new TableColumn("Path").NoWrap())
            .AddColumn("Problem").AddColumn("Value").AddColumn("Expected");
        foreach (var f in findings)
        {
            var code = f.IsError ? $"[red]{f.Code}[/]" : $"[yellow]{f.Code}[/]";
            var invoice = f.InvoiceIndex is { } i ? $"#{i}" + (f.InvoiceCode is null ? "" : $" {f.InvoiceCode}") : "";
            table.AddRow(code, f.Location, Markup.Escape(invoice), Markup.Escape(f.Path ?? ""), Markup.Escape(f.Message),
                Markup.Escape(Shorten(f.Value)), Markup.Escape(f.Expected ?? ""));
        }
        return table;
    }

    private static string Signature(SignatureCheck s)
    {
        var id = Markup.Escape(s.SignatureId ?? "(no Id)");
        var where = Markup.Escape(s.Path);
        return s.Status switch
        {
            SignatureStatus.Valid =>
                $"[green]signature {id} valid[/] at {where} — signer {Markup.Escape(s.SubjectName ?? "?")}" +
                (s.SigningTime is { } t ? $", signed {t:yyyy-MM-dd HH:mm:ss}" : ""),
            SignatureStatus.Missing => $"[red]signature missing[/] at {where}",
            _ => $"[red]signature {id} INVALID[/] at {where}: {Markup.Escape(string.Join("; ", s.Problems))}",
        };
    }

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 60 ? value : value[..57] + "…";
}

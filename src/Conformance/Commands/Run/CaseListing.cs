using ConformanceKit.Harness.Catalogue;
using Spectre.Console;

namespace ConformanceKit.Conformance.Commands.Run;

/// <summary>`ck run --list`: the cases, their rule and what they cover.</summary>
public static class CaseListing
{
    public static void Write(IAnsiConsole console, CaseCatalogue catalogue, IReadOnlyList<ConformanceCase> cases)
    {
        var table = new Table().AddColumns("id", "group", "covers", "polarity", "title", "rule");
        foreach (var c in cases)
            table.AddRow(Markup.Escape(c.Id), c.Group, Markup.Escape(c.Covers), c.Polarity,
                Markup.Escape(c.Title.En) + "\n[grey]" + Markup.Escape(c.Title.Vi) + "[/]", Markup.Escape(c.Rule));
        console.Write(table);
        console.MarkupLine($"{cases.Count} of {catalogue.Cases.Count} cases, catalogue {catalogue.Version}");
    }
}

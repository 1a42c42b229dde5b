using ConformanceKit.Features.Reqnroll;
using Gherkin;
using Gherkin.Ast;
using Gherkin.Pickles;

namespace ConformanceKit.Features.Bridge;

/// <summary>
/// A parsed .feature file: Gherkin 5 parses it, its pickle compiler expands Backgrounds and Examples rows,
/// and the AST gives back what pickles drop (each step's keyword, each row's values).
/// </summary>
public sealed class FeatureDocument
{
    private FeatureDocument(string path, IReadOnlyList<ScenarioPlan> scenarios)
    {
        Path = path;
        Scenarios = scenarios;
    }

    public string Path { get; }

    public IReadOnlyList<ScenarioPlan> Scenarios { get; }

    public static FeatureDocument Load(string path) => Parse(File.ReadAllText(path), path);

    public static FeatureDocument Parse(string text, string path = "inline.feature")
    {
        GherkinDocument document;
        try { document = new Parser().Parse(new StringReader(text)); }
        catch (ParserException e) { throw new InvalidOperationException($"{path}: {e.Message}", e); }
        var feature = document.Feature ?? throw new InvalidOperationException($"{path}: no Feature");
        var dialect = new GherkinDialectProvider().GetDialect(feature.Language, null);

        var steps = feature.Children.SelectMany(c => c.Steps).ToDictionary(s => s.Location.Line);
        var rows = feature.Children.OfType<ScenarioOutline>().SelectMany(o => o.Examples)
            .SelectMany(e => e.TableBody).ToDictionary(r => r.Location.Line, r => string.Join(", ", r.Cells.Select(c => c.Value)));

        var plans = new List<ScenarioPlan>();
        foreach (var pickle in new Compiler().Compile(document))
        {
            var row = pickle.Locations.Select(l => rows.GetValueOrDefault(l.Line)).FirstOrDefault(r => r is not null);
            var planned = new List<PlannedStep>();
            StepKind? previous = null;
            foreach (var ps in pickle.Steps)
            {
                var ast = ps.Locations.Select(l => steps.GetValueOrDefault(l.Line)).First(s => s is not null)!;
                var kind = KindOf(dialect, ast.Keyword, previous);
                previous = kind;
                planned.Add(new PlannedStep(kind, ast.Keyword, ps.Text, ast.Location.Line,
                    ps.Arguments.OfType<PickleTable>().Select(ToTable).FirstOrDefault(),
                    ps.Arguments.OfType<PickleString>().FirstOrDefault()?.Content));
            }
            plans.Add(new ScenarioPlan(feature.Name, pickle.Name, row, [.. pickle.Tags.Select(t => t.Name)], planned));
        }
        return new FeatureDocument(path, plans);
    }

    /// <summary>Given/When/Then by the dialect's keywords; And, But and * keep the previous step's kind.</summary>
    internal static StepKind KindOf(GherkinDialect dialect, string keyword, StepKind? previous)
    {
        static bool In(string[] words, string k) => words.Any(w => w.Trim() != "*" && w.Trim() == k);
        var k = keyword.Trim();
        if (In(dialect.GivenStepKeywords, k)) return StepKind.Given;
        if (In(dialect.WhenStepKeywords, k)) return StepKind.When;
        if (In(dialect.ThenStepKeywords, k)) return StepKind.Then;
        return previous ?? StepKind.Given;
    }

    private static Reqnroll.DataTable ToTable(PickleTable t) =>
        new([.. t.Rows.Select(r => (IReadOnlyList<string>)[.. r.Cells.Select(c => c.Value)])]);
}

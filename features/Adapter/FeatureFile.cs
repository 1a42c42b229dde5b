using System.Collections.Concurrent;
using System.Globalization;
using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;
using Exception = System.Exception;
using Reqnroll;
using Reqnroll.Formatters.RuntimeSupport;

namespace ConformanceKit.Features.Adapter;

/// <summary>
/// One parsed .feature file: the Gherkin 35 that Reqnroll brings gives its document and its pickles (Background and
/// Outline rows expanded), which the adapter runs and hands to Reqnroll's formatters (HTML report, messages).
/// </summary>
public sealed class FeatureFile : IFeatureLevelCucumberMessages
{
    private static readonly ConcurrentDictionary<string, FeatureFile> Cache = new(StringComparer.Ordinal);

    private FeatureFile(string path, string uri)
    {
        var text = File.ReadAllText(path);
        var ast = new Parser().Parse(new StringReader(text));
        var ids = new GuidIdGenerator(); // ids unique across files: the report holds every feature's messages
        Source = new Source(uri, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
        GherkinDocument = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, uri);
        PickleList = new PickleCompiler(ids).Compile(GherkinDocument);
        var feature = GherkinDocument.Feature ?? throw new InvalidOperationException($"{uri} has no Feature");
        Info = new FeatureInfo(new CultureInfo(feature.Language), Path.GetDirectoryName(uri) ?? "", feature.Name,
            feature.Description, ProgrammingLanguage.CSharp, [.. feature.Tags.Select(t => t.Name.TrimStart('@'))], this);
    }

    /// <summary>The file relative to the test output directory, e.g. <c>Features/Faults.feature</c>.</summary>
    public static FeatureFile Load(string relativePath) =>
        Cache.GetOrAdd(relativePath.Replace('\\', '/'), uri => new FeatureFile(Path.Combine(AppContext.BaseDirectory, uri), uri));

    public FeatureInfo Info { get; }
    public Source Source { get; }
    public GherkinDocument GherkinDocument { get; }
    public List<Pickle> PickleList { get; }
    public IEnumerable<Pickle> Pickles => PickleList;
    public bool HasMessages => true;

    public string Title => Info.Title;

    /// <summary>The pickle's own tags (feature, rule, scenario and Examples tags), without '@'.</summary>
    public static string[] TagsOf(Pickle pickle) => [.. pickle.Tags.Select(t => t.Name.TrimStart('@')).Distinct()];

    /// <summary>"Scenario [row values]" for an Examples row, else the scenario's name.</summary>
    public string DisplayName(Pickle pickle) =>
        RowOf(pickle) is { } row ? $"{pickle.Name} [{string.Join(", ", row.Cells.Select(c => c.Value))}]" : pickle.Name;

    /// <summary>The scenario (or outline) of a pickle and, for an Examples row, the row and its header.</summary>
    public (Scenario Scenario, Rule? Rule, TableRow? Header, TableRow? Row) Locate(Pickle pickle)
    {
        foreach (var child in GherkinDocument.Feature.Children)
        {
            if (child.Scenario is { } s && s.Id == pickle.AstNodeIds[0]) return WithRow(s, null, pickle);
            if (child.Rule is { } rule)
                foreach (var rc in rule.Children)
                    if (rc.Scenario is { } rs && rs.Id == pickle.AstNodeIds[0]) return WithRow(rs, rule, pickle);
        }
        throw new InvalidOperationException($"pickle {pickle.Name} has no scenario in {Source.Uri}");
    }

    private static (Scenario, Rule?, TableRow?, TableRow?) WithRow(Scenario scenario, Rule? rule, Pickle pickle)
    {
        if (pickle.AstNodeIds.Count < 2) return (scenario, rule, null, null);
        foreach (var examples in scenario.Examples)
            foreach (var row in examples.TableBody)
                if (row.Id == pickle.AstNodeIds[1]) return (scenario, rule, examples.TableHeader, row);
        return (scenario, rule, null, null);
    }

    private TableRow? RowOf(Pickle pickle) => Locate(pickle).Row;

    /// <summary>The keyword of the step a pickle step comes from ("And ", "Và "), as written.</summary>
    public string KeywordOf(PickleStep step)
    {
        foreach (var s in AllSteps()) if (s.Id == step.AstNodeIds[0]) return s.Keyword;
        return "* ";
    }

    private IEnumerable<Step> AllSteps()
    {
        foreach (var child in GherkinDocument.Feature.Children)
        {
            if (child.Background is { } b) foreach (var s in b.Steps) yield return s;
            if (child.Scenario is { } sc) foreach (var s in sc.Steps) yield return s;
            if (child.Rule is { } r)
                foreach (var rc in r.Children)
                {
                    if (rc.Background is { } rb) foreach (var s in rb.Steps) yield return s;
                    if (rc.Scenario is { } rs) foreach (var s in rs.Steps) yield return s;
                }
        }
    }
}

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ConformanceKit.Harness.Catalogue;

/// <summary>
/// The conformance catalogue: cases kept as data in JSON files embedded in this assembly (Catalogue/Cases/*.json), the seed
/// the target must hold for them (Catalogue/catalogue.json) and the catalogue's version.
/// </summary>
public sealed class CaseCatalogue
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private CaseCatalogue(string version, CatalogueSetup setup, IReadOnlyList<ConformanceCase> cases)
    {
        Version = version;
        Setup = setup;
        Cases = cases;
    }

    public string Version { get; }

    /// <summary>The seed and the main taxpayer and T-VAN the cases assume.</summary>
    public CatalogueSetup Setup { get; }

    public IReadOnlyList<ConformanceCase> Cases { get; }

    /// <summary>The catalogue built into the harness (and so into ck).</summary>
    public static CaseCatalogue Load()
    {
        var assembly = typeof(CaseCatalogue).Assembly;
        var names = assembly.GetManifestResourceNames();
        var setupName = names.Single(n => n.EndsWith("Catalogue.catalogue.json", StringComparison.Ordinal));
        var caseFiles = names.Where(n => n.Contains(".Catalogue.Cases.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n => (Name: n[(n.IndexOf(".Cases.", StringComparison.Ordinal) + 7)..], Text: Read(assembly, n)));
        return Parse(Read(assembly, setupName), caseFiles);
    }

    /// <summary>Reads a catalogue from its texts; throws <see cref="CatalogueException"/> listing every problem.</summary>
    public static CaseCatalogue Parse(string setupJson, IEnumerable<(string Name, string Text)> caseFiles)
    {
        var problems = new List<string>();
        var setup = Deserialize<CatalogueSetup>("catalogue.json", setupJson, problems);
        var cases = new List<ConformanceCase>();
        foreach (var (name, text) in caseFiles)
        {
            if (Deserialize<CaseFile>(name, text, problems) is not { } file) continue;
            foreach (var c in file.Cases)
            {
                c.Group = file.Group;
                cases.Add(c);
            }
        }
        if (setup is null) throw new CatalogueException(problems);
        problems.AddRange(CatalogueRules.Check(setup, cases));
        if (problems.Count > 0) throw new CatalogueException(problems);
        return new CaseCatalogue(setup.Version, setup, cases);
    }

    /// <summary>The cases whose id, group, covered code or tag matches one of the comma-separated patterns (* wildcards).</summary>
    public IReadOnlyList<ConformanceCase> Select(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return Cases;
        var patterns = filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. Cases.Where(c => patterns.Any(p => CaseFilter.Matches(p, c)))];
    }

    private static T? Deserialize<T>(string name, string text, List<string> problems) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            problems.Add($"{name}: line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}, path {e.Path}: {e.Message}");
            return null;
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record CaseFile(string Group, IReadOnlyList<ConformanceCase> Cases);
}

/// <summary>catalogue.json: the version, the seed the target is given before a run, and the defaults cases rely on.</summary>
public sealed record CatalogueSetup
{
    public required string Version { get; init; }

    /// <summary>MST of the taxpayer a package is for unless a case says otherwise.</summary>
    public required string MainTaxpayer { get; init; }

    /// <summary>Code of the T-VAN that sends unless a case says otherwise.</summary>
    public required string MainTvan { get; init; }

    /// <summary>A seed document (contract.md), posted to /admin/v1/seed; "{callbackUrl}" is replaced by the runner's receiver.</summary>
    public required JsonObject Seed { get; init; }
}

public sealed class CatalogueException(IReadOnlyList<string> problems)
    : Exception("The conformance catalogue has problems:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

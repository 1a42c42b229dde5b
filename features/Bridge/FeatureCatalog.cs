using System.Collections.Concurrent;

namespace ConformanceKit.Features.Bridge;

/// <summary>The .feature files copied next to the tests (Features/), parsed once each.</summary>
public static class FeatureCatalog
{
    private static readonly ConcurrentDictionary<string, FeatureDocument> Cache = new();

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Features");

    public static IReadOnlyList<string> Files =>
        [.. Directory.GetFiles(Folder, "*.feature", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f)).Order(StringComparer.Ordinal)];

    public static FeatureDocument Load(string file) => Cache.GetOrAdd(file, f => FeatureDocument.Load(Path.Combine(Folder, f)));

    /// <summary>MemberData source: one row per scenario and per Examples row of <paramref name="file"/>.</summary>
    public static IEnumerable<object[]> Cases(string file) =>
        Load(file).Scenarios.Select((s, i) => new object[] { new ScenarioCase(file, i, s.DisplayName) });
}

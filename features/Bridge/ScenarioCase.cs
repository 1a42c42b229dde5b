using Xunit.Abstractions;

namespace ConformanceKit.Features.Bridge;

/// <summary>
/// One scenario (or Examples row) as a serializable xunit theory row, so each is its own test case
/// in the runner and in IDEs; shown as "Feature: Scenario [row]".
/// </summary>
public sealed class ScenarioCase : IXunitSerializable
{
    public ScenarioCase() { }

    public ScenarioCase(string file, int index, string displayName)
    {
        File = file;
        Index = index;
        DisplayName = displayName;
    }

    /// <summary>The .feature file, relative to the Features folder.</summary>
    public string File { get; private set; } = "";

    /// <summary>Its position among the file's scenarios (Examples rows expanded).</summary>
    public int Index { get; private set; }

    public string DisplayName { get; private set; } = "";

    public ScenarioPlan Plan => FeatureCatalog.Load(File).Scenarios[Index];

    public void Deserialize(IXunitSerializationInfo info)
    {
        File = info.GetValue<string>(nameof(File));
        Index = info.GetValue<int>(nameof(Index));
        DisplayName = info.GetValue<string>(nameof(DisplayName));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(File), File);
        info.AddValue(nameof(Index), Index);
        info.AddValue(nameof(DisplayName), DisplayName);
    }

    public override string ToString() => DisplayName;
}

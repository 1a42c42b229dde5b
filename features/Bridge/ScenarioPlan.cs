using ConformanceKit.Features.Reqnroll;

namespace ConformanceKit.Features.Bridge;

/// <summary>One step ready to run: its kind after And/But/* inheritance, the keyword as written, and its argument.</summary>
public sealed record PlannedStep(StepKind Kind, string Keyword, string Text, int Line, DataTable? Table, string? DocString)
{
    public override string ToString() => $"{Keyword.Trim()} {Text}";
}

/// <summary>One runnable scenario (a Scenario, or one Examples row of a Scenario Outline).</summary>
public sealed record ScenarioPlan(string Feature, string Name, string? Row, IReadOnlyList<string> Tags, IReadOnlyList<PlannedStep> Steps)
{
    /// <summary>"Feature: Scenario [row]" — the test case's name.</summary>
    public string DisplayName => Row is null ? $"{Feature}: {Name}" : $"{Feature}: {Name} [{Row}]";
}

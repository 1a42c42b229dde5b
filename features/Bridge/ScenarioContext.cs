namespace ConformanceKit.Features.Reqnroll;

/// <summary>What bindings may know about the running scenario (injectable, like Reqnroll's).</summary>
public sealed class ScenarioContext
{
    private readonly List<string> _failureDetails = [];

    public string FeatureTitle { get; internal set; } = "";
    public string ScenarioTitle { get; internal set; } = "";
    public IReadOnlyList<string> Tags { get; internal set; } = [];

    /// <summary>The Examples row's values ("unsigned, 4001"), null outside a Scenario Outline (Reqnroll: ScenarioInfo.Arguments).</summary>
    public string? ExampleRow { get; internal set; }

    /// <summary>The error of the failed step (or hook), null while the scenario passes.</summary>
    public Exception? TestError { get; internal set; }

    /// <summary>Text appended to the failure message (e.g. the HTTP exchange) when the scenario fails.</summary>
    public void AddFailureDetail(string title, string text) => _failureDetails.Add($"--- {title} ---\n{text}");

    internal IReadOnlyList<string> FailureDetails => _failureDetails;
}

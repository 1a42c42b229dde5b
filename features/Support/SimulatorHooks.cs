using ConformanceKit.Features.Drivers;
using Reqnroll;

namespace ConformanceKit.Features.Support;

/// <summary>
/// State per scenario: a fresh simulator before it; after a failure, its HTTP exchange in the failure message and in
/// TestResults/http/&lt;feature&gt;--&lt;scenario&gt;.log (as Reqnroll's ReqOverflow sample writes its HTTP logs).
/// </summary>
[Binding]
public sealed class SimulatorHooks(SimulatorDriver simulator, HttpLog http, ScenarioContext scenario, FeatureContext feature, FailureDetails failure)
{
    /// <summary>The adapter's own sample scenarios (tagged @adapter, AdapterTests/Samples) need no simulator.</summary>
    private bool IsAdapterSample => scenario.ScenarioInfo.CombinedTags.Contains("adapter");

    /// <summary>Pipeline scenarios get the simulator on a loopback port: the provider and the browser reach it over HTTP.</summary>
    [BeforeScenario(Order = 100)]
    public Task StartFreshSimulatorAsync() =>
        IsAdapterSample ? Task.CompletedTask
        : scenario.ScenarioInfo.CombinedTags.Contains("pipeline") ? simulator.StartServedAsync()
        : simulator.StartAsync();

    [AfterScenario]
    public async Task SaveHttpExchangeOnFailureAsync()
    {
        if (scenario.TestError is null || IsAdapterSample) return;
        var exchange = http.Render();
        var title = scenario.ScenarioInfo.Title;
        var row = scenario.ScenarioInfo.Arguments.Count == 0
            ? null
            : string.Join(", ", scenario.ScenarioInfo.Arguments.Values.Cast<object?>());
        var file = TestFolders.HttpLogFile(feature.FeatureInfo.Title, title, row);
        string saved;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file,
                $"Feature: {feature.FeatureInfo.Title}\nScenario: {title}{(row is null ? "" : $" [{row}]")}\n" +
                $"Error: {scenario.TestError.Message}\n\n{exchange}\n");
            saved = $"saved to {file}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            saved = $"could not be saved to {file}: {e.Message}";
        }
        failure.Add($"HTTP exchange ({http.Count} requests; {saved})", exchange);
    }
}

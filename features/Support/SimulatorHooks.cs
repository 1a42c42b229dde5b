using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Reqnroll;

namespace ConformanceKit.Features.Support;

/// <summary>
/// State per scenario: a fresh simulator before it; after a failure, its HTTP exchange in the failure message and in
/// TestResults/http/&lt;feature&gt;--&lt;scenario&gt;.log (as Reqnroll's ReqOverflow sample writes its HTTP logs).
/// </summary>
[Binding]
public sealed class SimulatorHooks(SimulatorDriver simulator, HttpLog http, ScenarioContext scenario)
{
    [BeforeScenario(Order = 100)]
    public Task StartFreshSimulatorAsync() => simulator.StartAsync();

    [AfterScenario]
    public async Task SaveHttpExchangeOnFailureAsync()
    {
        if (scenario.TestError is null) return;
        var exchange = http.Render();
        var file = TestFolders.HttpLogFile(scenario.FeatureTitle, scenario.ScenarioTitle, scenario.ExampleRow);
        string saved;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file,
                $"Feature: {scenario.FeatureTitle}\nScenario: {scenario.ScenarioTitle}{(scenario.ExampleRow is { } row ? $" [{row}]" : "")}\n" +
                $"Error: {scenario.TestError.Message}\n\n{exchange}\n");
            saved = $"saved to {file}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            saved = $"could not be saved to {file}: {e.Message}";
        }
        scenario.AddFailureDetail($"HTTP exchange ({http.Count} requests; {saved})", exchange);
    }
}

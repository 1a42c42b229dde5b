using System.Reflection;
using Reqnroll;
using Reqnroll.Infrastructure;
using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.AdapterTests;

/// <summary>
/// Runs the sample features (AdapterTests/Samples) through the adapter on a Reqnroll test runner manager of their own,
/// with the formatters off, so their deliberate failures stay out of the features' report.
/// </summary>
public static class SampleRun
{
    private static readonly Lazy<Task<ITestRunnerManager>> Manager = new(CreateAsync);

    private static async Task<ITestRunnerManager> CreateAsync()
    {
        ReqnrollTestFramework.EnsureEnvironment();
        var assembly = typeof(SampleRun).Assembly;
        // The features' manager started (and read its formatter settings) before any test ran.
        Environment.SetEnvironmentVariable("REQNROLL_FORMATTERS_DISABLED", "true");
        try
        {
            var global = new ContainerBuilder(new DefaultDependencyProvider()).CreateGlobalContainer(assembly);
            var manager = global.Resolve<ITestRunnerManager>();
            manager.Initialize(assembly);
            await manager.FireTestRunStartAsync();
            return manager;
        }
        finally { Environment.SetEnvironmentVariable("REQNROLL_FORMATTERS_DISABLED", null); }
    }

    public static FeatureFile Feature(string name) => FeatureFile.Load($"AdapterTests/Samples/{name}");

    public static int Index(string feature, string displayName) =>
        Feature(feature).PickleList.FindIndex(p => Feature(feature).DisplayName(p) == displayName) is var i and >= 0
            ? i : throw new ArgumentException($"no scenario '{displayName}' in {feature}");

    /// <summary>Runs the scenario (or row) named; returns the exception it ended with (null if it passed) and its log.</summary>
    public static async Task<(Exception? Error, IReadOnlyList<string> Log)> RunAsync(string feature, string displayName)
    {
        var manager = await Manager.Value;
        Exception? error = null;
        try { await ScenarioRunner.RunAsync($"AdapterTests/Samples/{feature}", Index(feature, displayName), manager); }
        catch (Exception e) { error = e; }
        return (error, SampleRuns.Logs.TryGetValue(displayName, out var log) ? log : []);
    }
}

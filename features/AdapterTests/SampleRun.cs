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

    private static readonly SemaphoreSlim EnvironmentLock = new(1, 1);

    /// <summary>The formatters off: the features' manager read its formatter settings before any test ran.</summary>
    private static Task<ITestRunnerManager> CreateAsync() => CreateManagerAsync(("REQNROLL_FORMATTERS_DISABLED", "true"));

    /// <summary>A test runner manager of its own, its test run started, created with these environment variables set.</summary>
    public static async Task<ITestRunnerManager> CreateManagerAsync(params (string Name, string? Value)[] environment)
    {
        ReqnrollTestFramework.EnsureEnvironment();
        var assembly = typeof(SampleRun).Assembly;
        await EnvironmentLock.WaitAsync();
        var saved = environment.Select(e => (e.Name, Value: Environment.GetEnvironmentVariable(e.Name))).ToList();
        try
        {
            foreach (var (name, value) in environment) Environment.SetEnvironmentVariable(name, value);
            var global = new ContainerBuilder(new DefaultDependencyProvider()).CreateGlobalContainer(assembly);
            var manager = global.Resolve<ITestRunnerManager>();
            manager.Initialize(assembly);
            await manager.FireTestRunStartAsync();
            return manager;
        }
        finally
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
            EnvironmentLock.Release();
        }
    }

    public static FeatureFile Feature(string name) => FeatureFile.Load($"AdapterTests/Samples/{name}");

    public static int Index(string feature, string displayName) =>
        Feature(feature).PickleList.FindIndex(p => Feature(feature).DisplayName(p) == displayName) is var i and >= 0
            ? i : throw new ArgumentException($"no scenario '{displayName}' in {feature}");

    /// <summary>Runs the scenario (or row) named; returns the exception it ended with (null if it passed) and its log.</summary>
    public static async Task<(Exception? Error, IReadOnlyList<string> Log)> RunAsync(string feature, string displayName, ITestRunnerManager? own = null)
    {
        var manager = own ?? await Manager.Value;
        Exception? error = null;
        try { await ScenarioRunner.RunAsync($"AdapterTests/Samples/{feature}", Index(feature, displayName), manager); }
        catch (Exception e) { error = e; }
        return (error, SampleRuns.Logs.TryGetValue(displayName, out var log) ? log : []);
    }
}

using ConformanceKit.Features.Bridge;

namespace ConformanceKit.Features.BridgeTests;

internal static class BridgeRun
{
    public static readonly BindingRegistry Samples = new([typeof(SampleSteps), typeof(OtherSampleSteps)]);

    public static FeatureDocument Parse(string text) => FeatureDocument.Parse(text.Replace("\r", "", StringComparison.Ordinal));

    /// <summary>Runs every scenario of the text; returns what the sample bindings recorded.</summary>
    public static async Task<List<string>> RunAsync(string feature, BindingRegistry? registry = null)
    {
        var recorder = new Recorder();
        foreach (var plan in Parse(feature).Scenarios)
            await ScenarioRunner.RunAsync(plan, registry ?? Samples, c => c.Register(recorder));
        return recorder.Calls;
    }
}

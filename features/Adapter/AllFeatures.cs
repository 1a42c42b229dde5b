namespace ConformanceKit.Features.Adapter;

/// <summary>
/// The one entry point of the features: every <c>Features/**/*.feature</c> copied to the output becomes test cases, one
/// per scenario and Examples row, with no code per file. Each file is its own xunit collection ("Feature: title") and
/// its own test class name (<c>ConformanceKit.Features.Features.XxxFeature</c>): features run in parallel with each
/// other, the scenarios of one feature one after another, in file order.
/// </summary>
public sealed class AllFeatures
{
    [Features(FeatureFolder.Default)]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

using Xunit.Abstractions;
using Xunit.Sdk;

namespace ConformanceKit.Features.Adapter;

/// <summary>
/// On a method <c>Task Scenario(string feature, int pickle)</c>: one xunit test case per pickle (a scenario, or one
/// Examples row) of every .feature file under <see cref="Folder"/> (relative to the test output directory, subfolders
/// included), named "Feature: Scenario [row]", its tags as <c>Category</c> traits, its feature's title as the
/// <c>Feature</c> trait; skipped when tagged <c>@ignore</c> or when the target lacks what its tags need
/// (<see cref="Support.TargetSettings"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("ConformanceKit.Features.Adapter.FeatureDiscoverer", "ConformanceKit.Features")]
public sealed class FeaturesAttribute(string folder) : FactAttribute
{
    public string Folder { get; } = folder;
}

/// <summary>Where the features are read from.</summary>
public static class FeatureFolder
{
    public const string Default = "Features";

    /// <summary>The adapter's sample features: what the discoverer reads instead of Features/ under CK_FEATURES_SAMPLE=1.</summary>
    public const string Samples = "AdapterTests/Samples";

    /// <summary>Set (to 1) in the separate test run that writes a report of the sample features (ReportBrowserTests).</summary>
    public const string SampleVariable = "CK_FEATURES_SAMPLE";

    public static bool SampleRun => Environment.GetEnvironmentVariable(SampleVariable) is { Length: > 0 } v && v != "0";

    /// <summary>The folder to discover: <paramref name="declared"/>, or the samples in a sample run.</summary>
    public static string Resolve(string declared) => declared == Default && SampleRun ? Samples : declared;

    /// <summary>The .feature files under a folder of the output directory, relative to it ('/'-separated), in ordinal order.</summary>
    public static IReadOnlyList<string> Files(string folder)
    {
        var root = Path.Combine(AppContext.BaseDirectory, folder);
        if (!Directory.Exists(root)) return [];
        return [.. Directory.GetFiles(root, "*.feature", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(AppContext.BaseDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }
}

/// <summary>Yields the test cases of every feature file, each file wrapped in its own test class and collection.</summary>
public sealed class FeatureDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var folder = FeatureFolder.Resolve(factAttribute.GetConstructorArguments().Cast<string>().Single());
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var cases = new List<IXunitTestCase>();
        foreach (var path in FeatureFolder.Files(folder))
        {
            FeatureFile feature;
            try { feature = FeatureFile.Load(path); }
            catch (Exception e)
            {
                // A file Gherkin cannot read is one failing test naming it, not a discovery that silently drops it.
                cases.Add(new ExecutionErrorTestCase(diagnosticMessageSink, display, displayOptions, testMethod,
                    $"{path} cannot be read as a feature: {e.Message}"));
                continue;
            }
            var method = new TestMethod(FeatureTestClass.For(testMethod.TestClass, path, feature.Title), testMethod.Method);
            for (var i = 0; i < feature.PickleList.Count; i++)
                cases.Add(new ScenarioTestCase(diagnosticMessageSink, display, displayOptions, method, [path, i]));
        }
        return cases;
    }
}

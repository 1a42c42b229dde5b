using ConformanceKit.Features.Adapter;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ConformanceKit.Features.AdapterTests;

/// <summary>What xunit sees of a feature: one test case per pickle, named, tagged and skipped as the file says.</summary>
public sealed class DiscoveryTests
{
    /// <summary>Abstract, so xunit does not run the samples as tests; discovered by hand below.</summary>
    public abstract class SampleFeature
    {
        [Scenarios("AdapterTests/Samples/Outcomes.feature")]
        public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
    }

    private static List<IXunitTestCase> Discover()
    {
        var assembly = new TestAssembly(Reflector.Wrap(typeof(SampleFeature).Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "samples"), Reflector.Wrap(typeof(SampleFeature)));
        var method = new TestMethod(testClass, Reflector.Wrap(typeof(SampleFeature).GetMethod(nameof(SampleFeature.Scenario))!));
        var attribute = method.Method.GetCustomAttributes(typeof(ScenariosAttribute)).Single();
        var options = new NoOptions();
        return [.. new ScenarioDiscoverer(new NullMessageSink()).Discover(options, method, attribute)];
    }

    private sealed class NoOptions : ITestFrameworkDiscoveryOptions
    {
        public TValue GetValue<TValue>(string name) => default!;
        public void SetValue<TValue>(string name, TValue value) { }
    }

    [Fact]
    public void Each_pickle_is_a_test_case_named_by_feature_scenario_and_row()
    {
        var names = Discover().Select(c => c.DisplayName).ToList();
        Assert.Equal(9, names.Count);
        Assert.Contains("Adapter samples: Every step is bound", names);
        Assert.Contains("Adapter samples: Adding to the counter [1, 1, 2]", names);
        Assert.Contains("Adapter samples: Adding to the counter [5, 10, 15]", names);
        Assert.Equal(9, Discover().Select(c => c.UniqueID).Distinct().Count());
    }

    [Fact]
    public void Tags_are_Category_traits_and_ignore_skips()
    {
        var cases = Discover();
        Assert.All(cases, c => Assert.Contains("adapter", c.Traits["Category"]));
        var ignored = Assert.Single(cases, c => c.SkipReason is not null);
        Assert.Equal("Adapter samples: An ignored scenario", ignored.DisplayName);
        Assert.Contains("ignore", ignored.Traits["Category"]);
        Assert.Equal(2, cases.Count(c => c.Traits["Category"].Contains("outline")));
    }

    [Fact]
    public void A_test_case_survives_serialization()
    {
        var original = Discover().Single(c => c.DisplayName.EndsWith("[5, 10, 15]", StringComparison.Ordinal));
        var copy = SerializationHelper.Deserialize<IXunitTestCase>(SerializationHelper.Serialize(original));
        Assert.Equal(original.DisplayName, copy.DisplayName);
        Assert.Equal(original.UniqueID, copy.UniqueID);
        Assert.Equal(original.Traits["Category"], copy.Traits["Category"]);
    }
}

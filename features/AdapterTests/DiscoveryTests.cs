using ConformanceKit.Features.Adapter;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ConformanceKit.Features.AdapterTests;

/// <summary>
/// What xunit sees of the features: every .feature file of a folder discovered by one entry point, each file its own
/// test class and collection, one test case per pickle, named, tagged and skipped as the file says.
/// </summary>
public sealed class DiscoveryTests
{
    /// <summary>Abstract, so xunit does not run the samples as tests; discovered by hand below.</summary>
    public abstract class SampleFeatures
    {
        [Features(FeatureFolder.Samples)]
        public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
    }

    /// <summary>The test cases the discoverer yields for the entry method of <paramref name="entry"/>, as xunit would ask.</summary>
    public static List<IXunitTestCase> Discover(Type entry)
    {
        var assembly = new TestAssembly(Reflector.Wrap(entry.Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "Test collection for " + entry.Name), Reflector.Wrap(entry));
        var method = new TestMethod(testClass, Reflector.Wrap(entry.GetMethod("Scenario")!));
        var attribute = method.Method.GetCustomAttributes(typeof(FeaturesAttribute)).Single();
        return [.. new FeatureDiscoverer(new NullMessageSink()).Discover(new NoOptions(), method, attribute)];
    }

    private static List<IXunitTestCase> Discover() => Discover(typeof(SampleFeatures));

    private sealed class NoOptions : ITestFrameworkDiscoveryOptions
    {
        public TValue GetValue<TValue>(string name) => default!;
        public void SetValue<TValue>(string name, TValue value) { }
    }

    [Fact]
    public void Each_pickle_of_every_file_is_a_test_case_named_by_feature_scenario_and_row()
    {
        var names = Discover().Select(c => c.DisplayName).ToList();
        Assert.Equal(10, names.Count); // Outcomes.feature: 9, TiengViet.feature: 1
        Assert.Contains("Adapter samples: Every step is bound", names);
        Assert.Contains("Adapter samples: Adding to the counter [1, 1, 2]", names);
        Assert.Contains("Adapter samples: Adding to the counter [5, 10, 15]", names);
        Assert.Contains("Mẫu tiếng Việt: Bộ đếm mẫu", names);
        Assert.Equal(10, Discover().Select(c => c.UniqueID).Distinct().Count());
    }

    [Fact]
    public void Tags_are_Category_traits_the_title_a_Feature_trait_and_ignore_skips()
    {
        var cases = Discover().Where(c => c.Traits["Feature"].SequenceEqual(["Adapter samples"])).ToList();
        Assert.Equal(9, cases.Count);
        Assert.All(cases, c => Assert.Contains("adapter", c.Traits["Category"]));
        var ignored = Assert.Single(cases, c => c.SkipReason is not null);
        Assert.Equal("Adapter samples: An ignored scenario", ignored.DisplayName);
        Assert.Equal("tagged @ignore", ignored.SkipReason);
        Assert.Contains("ignore", ignored.Traits["Category"]);
        Assert.Equal(2, cases.Count(c => c.Traits["Category"].Contains("outline")));
    }

    [Fact]
    public void Each_feature_file_is_a_test_class_and_collection_of_its_own_with_a_stable_id()
    {
        var collections = Discover().GroupBy(c => c.TestMethod.TestClass.TestCollection.UniqueID).ToList();
        Assert.Equal(2, collections.Count);
        var outcomes = Assert.Single(collections, g => g.First().TestMethod.TestClass.TestCollection.DisplayName == "Feature: Adapter samples");
        Assert.Equal(9, outcomes.Count());
        Assert.Single(collections, g => g.First().TestMethod.TestClass.TestCollection.DisplayName == "Feature: Mẫu tiếng Việt");

        var first = outcomes.First().TestMethod;
        Assert.Equal("ConformanceKit.Features.AdapterTests.Samples.OutcomesFeature", first.TestClass.Class.Name);
        Assert.Equal("Scenario", first.Method.Name);
        Assert.Equal(typeof(SampleFeatures), ((IReflectionTypeInfo)first.TestClass.Class).Type);
        Assert.Equal(FeatureTestClass.CollectionId("AdapterTests/Samples/Outcomes.feature"), first.TestClass.TestCollection.UniqueID);
        // The same id in another discovery (xunit discovers and executes apart).
        Assert.Equal(collections.Select(g => g.Key).Order(), Discover().Select(c => c.TestMethod.TestClass.TestCollection.UniqueID).Distinct().Order());
    }

    [Fact]
    public void The_scenarios_of_a_feature_are_in_file_order_by_unique_id()
    {
        // xunit's default orderer runs a collection's test cases in ordinal order of their UniqueID.
        var feature = SampleRun.Feature("Outcomes.feature");
        var byId = Discover().Where(c => c.Traits["Feature"].SequenceEqual(["Adapter samples"]))
            .OrderBy(c => c.UniqueID, StringComparer.Ordinal).Select(c => c.DisplayName);
        Assert.Equal(feature.PickleList.Select(p => "Adapter samples: " + feature.DisplayName(p)), byId);
    }

    [Fact]
    public void A_test_case_survives_serialization_with_its_class_and_collection()
    {
        var original = Discover().Single(c => c.DisplayName.EndsWith("[5, 10, 15]", StringComparison.Ordinal));
        var copy = SerializationHelper.Deserialize<IXunitTestCase>(SerializationHelper.Serialize(original));
        Assert.IsType<ScenarioTestCase>(copy);
        Assert.Equal(original.DisplayName, copy.DisplayName);
        Assert.Equal(original.UniqueID, copy.UniqueID);
        Assert.Equal(original.Traits["Category"], copy.Traits["Category"]);
        Assert.Equal(original.Traits["Feature"], copy.Traits["Feature"]);
        Assert.Equal(original.TestMethod.TestClass.Class.Name, copy.TestMethod.TestClass.Class.Name);
        Assert.Equal(original.TestMethod.TestClass.TestCollection.UniqueID, copy.TestMethod.TestClass.TestCollection.UniqueID);
        Assert.Equal(original.TestMethod.TestClass.TestCollection.DisplayName, copy.TestMethod.TestClass.TestCollection.DisplayName);
        Assert.Equal(typeof(SampleFeatures), ((IReflectionTypeInfo)copy.TestMethod.TestClass.Class).Type);
        Assert.Equal("Scenario", ((IReflectionMethodInfo)copy.TestMethod.Method).MethodInfo.Name);
        Assert.Equal(original.TestMethodArguments, copy.TestMethodArguments);

        var skipped = Discover().Single(c => c.SkipReason is not null);
        Assert.Equal(skipped.SkipReason, SerializationHelper.Deserialize<IXunitTestCase>(SerializationHelper.Serialize(skipped)).SkipReason);
    }

    [Fact]
    public void Class_names_follow_the_folders_and_file_names()
    {
        Assert.Equal("ConformanceKit.Features.Features.DataChecksFeature", FeatureTestClass.ClassName("Features/DataChecks.feature"));
        Assert.Equal("ConformanceKit.Features.Features.Pipeline.Sales_at_nightFeature", FeatureTestClass.ClassName("Features/Pipeline/Sales at night.feature"));
        Assert.Equal("ConformanceKit.Features.Features._2025Feature", FeatureTestClass.ClassName("Features/2025.feature"));
        Assert.NotEqual(FeatureTestClass.CollectionId("Features/A.feature"), FeatureTestClass.CollectionId("Features/B.feature"));
    }
}

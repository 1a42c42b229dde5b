using Xunit.Abstractions;
using Xunit.Sdk;

namespace ConformanceKit.Features.Adapter;

/// <summary>
/// On a method <c>Task Scenario(string feature, int pickle)</c>: one xunit test case per pickle of the .feature file
/// (a scenario, or one Examples row), named "Feature: Scenario [row]", its tags as <c>Category</c> traits,
/// skipped when tagged <c>@ignore</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("ConformanceKit.Features.Adapter.ScenarioDiscoverer", "ConformanceKit.Features")]
public sealed class ScenariosAttribute(string featurePath) : FactAttribute
{
    public string FeaturePath { get; } = featurePath;
}

public sealed class ScenarioDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var path = factAttribute.GetConstructorArguments().Cast<string>().Single();
        var feature = FeatureFile.Load(path);
        for (var i = 0; i < feature.PickleList.Count; i++)
            yield return new ScenarioTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, [path, i]);
    }
}

/// <summary>One pickle as an xunit test case; serialized as (feature path, pickle index), named and tagged from the file.</summary>
public sealed class ScenarioTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ScenarioTestCase() { }

    public ScenarioTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, object[] arguments)
        : base(sink, display, options, method, arguments) { }

    private FeatureFile Feature => FeatureFile.Load((string)TestMethodArguments[0]);
    private Io.Cucumber.Messages.Types.Pickle Pickle => Feature.PickleList[Convert.ToInt32(TestMethodArguments[1], System.Globalization.CultureInfo.InvariantCulture)];

    protected override void Initialize()
    {
        base.Initialize();
        foreach (var tag in FeatureFile.TagsOf(Pickle))
        {
            if (!Traits.TryGetValue("Category", out var list)) Traits["Category"] = list = [];
            if (!list.Contains(tag)) list.Add(tag);
        }
        Traits["Feature"] = [Feature.Title];
    }

    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) => $"{Feature.Title}: {Feature.DisplayName(Pickle)}";

    protected override string? GetSkipReason(IAttributeInfo factAttribute) =>
        FeatureFile.TagsOf(Pickle).Any(t => t.Equals("ignore", StringComparison.OrdinalIgnoreCase)) ? "tagged @ignore" : base.GetSkipReason(factAttribute);

    protected override string GetUniqueID() => $"{TestMethod.TestClass.Class.Name}|{TestMethodArguments[0]}|{TestMethodArguments[1]}";
}

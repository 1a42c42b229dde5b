using System.Globalization;
using ConformanceKit.Features.Support;
using Io.Cucumber.Messages.Types;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ConformanceKit.Features.Adapter;

/// <summary>
/// One pickle as an xunit test case; serialized as (feature path, pickle index) with its <see cref="FeatureTestClass"/>,
/// named and tagged from the file. Skipped when tagged <c>@ignore</c>, or when its tags need what the target lacks
/// (<see cref="TargetSettings.SkipReason"/>); a skipped scenario still goes to Reqnroll as skipped, so the report lists it.
/// </summary>
public sealed class ScenarioTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ScenarioTestCase() { }

    public ScenarioTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, object[] arguments)
        : base(sink, display, options, method, arguments) { }

    public string FeaturePath => (string)TestMethodArguments[0];
    public int PickleIndex => Convert.ToInt32(TestMethodArguments[1], CultureInfo.InvariantCulture);

    private FeatureFile Feature => FeatureFile.Load(FeaturePath);
    private Pickle Pickle => Feature.PickleList[PickleIndex];

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

    protected override string? GetSkipReason(IAttributeInfo factAttribute)
    {
        var tags = FeatureFile.TagsOf(Pickle);
        if (tags.Any(t => t.Equals("ignore", StringComparison.OrdinalIgnoreCase))) return "tagged @ignore";
        return TargetSettings.SkipReason(tags) ?? base.GetSkipReason(factAttribute);
    }

    /// <summary>The path and the pickle index, zero-padded: xunit orders a collection's test cases by this id, so in file order.</summary>
    protected override string GetUniqueID() => $"{FeaturePath}|{PickleIndex:D4}";

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        if (SkipReason is not null)
        {
            try { await ScenarioRunner.SkipAsync(FeaturePath, PickleIndex); }
            catch (System.Exception e) { diagnosticMessageSink.OnMessage(new DiagnosticMessage($"{DisplayName}: reporting the skip to Reqnroll failed: {e.Message}")); }
        }
        return await base.RunAsync(diagnosticMessageSink, messageBus, constructorArguments, aggregator, cancellationTokenSource);
    }
}

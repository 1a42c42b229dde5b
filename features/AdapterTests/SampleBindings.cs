using System.Collections.Concurrent;
using Reqnroll;

namespace ConformanceKit.Features.AdapterTests;

/// <summary>What a sample scenario did, kept after it ended so the adapter's tests can look (keyed by title and row).</summary>
public static class SampleRuns
{
    public static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Logs = new();

    /// <summary>Features started ([BeforeFeature] on a sample), and whether a [BeforeTestRun] hook ran.</summary>
    public static readonly ConcurrentBag<string> FeaturesStarted = [];
    public static volatile bool TestRunStarted;

    public static string Key(ScenarioInfo info) =>
        info.Arguments.Count == 0 ? info.Title : $"{info.Title} [{string.Join(", ", info.Arguments.Values.Cast<object>())}]";
}

/// <summary>Scenario-scoped state shared by the sample binding classes (context injection).</summary>
public sealed class SampleState
{
    public int Counter { get; set; }
    public List<string> Log { get; } = [];
    public Dictionary<string, int> Counters { get; } = [];
}

/// <summary>A test run hook cannot be tag-scoped: it has no scenario.</summary>
[Binding]
public static class SampleTestRunHooks
{
    [BeforeTestRun]
    public static void BeforeTestRun() => SampleRuns.TestRunStarted = true;
}

[Binding]
[Scope(Tag = "adapter")]
public sealed class SampleHooks(SampleState state, ScenarioContext scenario)
{
    [BeforeFeature]
    public static void BeforeFeature(FeatureContext feature) => SampleRuns.FeaturesStarted.Add(feature.FeatureInfo.Title);

    [BeforeScenario]
    public void Before() => state.Log.Add("before scenario");

    [AfterScenario]
    public void After()
    {
        state.Log.Add(scenario.TestError is null ? "after scenario: passed" : $"after scenario: {scenario.TestError.GetType().Name}");
        SampleRuns.Logs[SampleRuns.Key(scenario.ScenarioInfo)] = [.. state.Log];
    }
}

[Binding]
public sealed class SampleSteps(SampleState state)
{
    [Given("the sample background ran")]
    public void Background() => state.Log.Add("background");

    [Given("the sample counter starts at {int}")]
    public void Start(int value) { state.Counter = value; state.Log.Add($"start {value}"); }

    [When("the sample counter is increased by {int}")]
    public void Increase(int value) { state.Counter += value; state.Log.Add($"increase {value}"); }

    [Then("the sample counter is {int}")]
    public void Is(int value) { state.Log.Add($"check {value}"); Assert.Equal(value, state.Counter); }

    [Given("a sample step bound twice")]
    public void BoundOnce() { }

    [Given(@"^a sample step bound (twice|two times)$")]
    public void BoundAgain(string _) { }

    [Given("a sample step still pending")]
    public void Pending() => throw new PendingStepException();

    [Given("a sample step that throws")]
    public void Throws() => throw new InvalidOperationException("an @ignore scenario ran");

    [Given("the sample counters")]
    public void Counters(DataTable table)
    {
        foreach (var row in table.Rows) state.Counters[row["name"]] = int.Parse(row["value"], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Then("the sample counters add up to {int}")]
    public void CountersAddUp(int total) => Assert.Equal(total, state.Counters.Values.Sum());

    [Then("the sample note reads")]
    public void Note(string text) { state.Log.Add($"note {text}"); Assert.Equal("xin chào", text); }

    [Given("bộ đếm mẫu bắt đầu từ {int}")]
    public void BatDau(int value) { state.Counter = value; state.Log.Add($"bắt đầu {value}"); }

    [When("bộ đếm mẫu tăng thêm {int}")]
    public void TangThem(int value) => state.Counter += value;

    [Then("bộ đếm mẫu là {int}")]
    public void La(int value) => Assert.Equal(value, state.Counter);

    [Then("bộ đếm mẫu không âm")]
    public void KhongAm() { state.Log.Add("không âm"); Assert.True(state.Counter >= 0); }
}

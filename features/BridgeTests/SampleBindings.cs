using ConformanceKit.Features.Reqnroll;

namespace ConformanceKit.Features.BridgeTests;

/// <summary>What the sample bindings did; each test registers its own.</summary>
public sealed class Recorder
{
    public List<string> Calls { get; } = [];
}

/// <summary>A context object nobody registers: the container makes one per scenario and injects it everywhere.</summary>
public sealed class Till
{
    public string? OpenedBy { get; set; }
}

[Binding]
public sealed class SampleSteps(Recorder recorder, Till till)
{
    [Given(@"^a shop$")]
    public void GivenAShop() => recorder.Calls.Add("given:shop");

    [Given(@"^a till$")]
    public void GivenATill() { till.OpenedBy = nameof(SampleSteps); recorder.Calls.Add("given:till"); }

    [When(@"^it sells$")]
    public void WhenItSells() => recorder.Calls.Add("when:sells");

    [Then(@"^it has (\d+) items costing ([\d.]+) named ""([^""]*)"" with serial (\d+)$")]
    public void ThenTyped(int count, decimal price, string name, long serial) =>
        recorder.Calls.Add($"then:{count + 1}|{price * 2}|{name}|{serial + 1}");

    [Then(@"^these lines:$")]
    public void ThenLines(DataTable table) =>
        recorder.Calls.Add("table:" + string.Join(";", table.Rows.Select(r => r["name"] + "=" + r["qty"])));

    [Then(@"^this text:$")]
    public Task ThenText(string text)
    {
        recorder.Calls.Add("doc:" + text);
        return Task.CompletedTask;
    }

    [Then(@"^nothing is left$")]
    public void ThenNothingIsLeft() => recorder.Calls.Add("then:nothing");

    [Then(@"^it fails$")]
    public void ThenItFails() => Assert.Fail("the sample step failed on purpose");
}

[Binding]
public sealed class OtherSampleSteps(Recorder recorder, Till till)
{
    [Then(@"^the till is the one the shop opened$")]
    public void ThenTheTillIsShared() => recorder.Calls.Add("till:" + till.OpenedBy);
}

/// <summary>Matches the same text as <see cref="SampleSteps.ThenNothingIsLeft"/>: used only for the ambiguity test.</summary>
[Binding]
public sealed class ClashingSteps
{
    [Then(@"^nothing is (left|gone)$")]
    public void ThenNothingIsLeftOrGone(string state) => _ = state;
}

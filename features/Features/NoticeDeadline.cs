using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs NoticeDeadline.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class NoticeDeadlineFeature
{
    [Scenarios("Features/NoticeDeadline.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

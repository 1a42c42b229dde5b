using ConformanceKit.Features.Bridge;
using ConformanceKit.Features.Reqnroll;

namespace ConformanceKit.Features.BridgeTests;

public sealed class KeywordTests
{
    [Fact]
    public async Task And_and_But_keep_the_kind_of_the_step_before()
    {
        var calls = await BridgeRun.RunAsync("""
            Feature: F
              Scenario: S
                Given a shop
                And a till
                When it sells
                Then nothing is left
                But the till is the one the shop opened
            """);
        Assert.Equal(["given:shop", "given:till", "when:sells", "then:nothing", "till:SampleSteps"], calls);
    }

    [Fact]
    public async Task And_after_When_is_not_bound_by_a_Given_binding()
    {
        var e = await Assert.ThrowsAsync<ScenarioFailedException>(() => BridgeRun.RunAsync("""
            Feature: F
              Scenario: S
                When it sells
                And a till
            """));
        Assert.Contains("No binding for step 'And a till' (line 4, a When step)", e.Message);
    }

    [Fact]
    public void Vietnamese_keywords_give_the_same_kinds()
    {
        var plan = Assert.Single(BridgeRun.Parse("""
            # language: vi
            Tính năng: F
              Kịch bản: S
                Cho a shop
                Và a till
                Khi it sells
                Thì nothing is left
                Nhưng nothing is left
            """).Scenarios);
        Assert.Equal([StepKind.Given, StepKind.Given, StepKind.When, StepKind.Then, StepKind.Then], plan.Steps.Select(s => s.Kind));
    }

    [Fact]
    public async Task Background_steps_run_before_each_scenario()
    {
        var calls = await BridgeRun.RunAsync("""
            Feature: F
              Background:
                Given a shop
              Scenario: One
                When it sells
              Scenario: Two
                Then nothing is left
            """);
        Assert.Equal(["given:shop", "when:sells", "given:shop", "then:nothing"], calls);
    }
}

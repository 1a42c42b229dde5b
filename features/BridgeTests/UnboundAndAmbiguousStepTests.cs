using ConformanceKit.Features.Bridge;

namespace ConformanceKit.Features.BridgeTests;

public sealed class UnboundAndAmbiguousStepTests
{
    [Fact]
    public async Task An_unbound_step_fails_naming_the_step_and_suggesting_a_binding()
    {
        var e = await Assert.ThrowsAsync<ScenarioFailedException>(() => BridgeRun.RunAsync("""
            Feature: F
              Scenario: S
                Given a shop
                When the clerk scans "Phở bò" 3 times
                Then nothing is left
            """));
        Assert.Contains("failed at step 'When the clerk scans \"Phở bò\" 3 times' (line 4)", e.Message);
        Assert.Contains("No binding for step", e.Message);
        Assert.Contains("[When(@\"^the\\ clerk\\ scans\\ \"\"([^\"\"]*)\"\"\\ (\\d+)\\ times$\")]", e.Message);
        Assert.Contains("public void WhenTheClerkScansTimes(string p0, int p1)", e.Message);
        Assert.Contains("- Then nothing is left (skipped)", e.Message);
        Assert.IsType<StepBindingException>(e.InnerException);
    }

    [Fact]
    public async Task A_step_with_a_table_gets_a_table_parameter_in_its_suggestion()
    {
        var e = await Assert.ThrowsAsync<ScenarioFailedException>(() => BridgeRun.RunAsync("""
            Feature: F
              Scenario: S
                Given the prices:
                  | name | price |
                  | phở  | 50000 |
            """));
        Assert.Contains("public void GivenThePrices(DataTable table)", e.Message);
    }

    [Fact]
    public async Task An_ambiguous_step_fails_naming_both_bindings()
    {
        var registry = new BindingRegistry([typeof(SampleSteps), typeof(ClashingSteps)]);
        var e = await Assert.ThrowsAsync<ScenarioFailedException>(() => BridgeRun.RunAsync("""
            Feature: F
              Scenario: S
                Then nothing is left
            """, registry));
        Assert.Contains("Ambiguous step 'Then nothing is left'", e.Message);
        Assert.Contains("SampleSteps.ThenNothingIsLeft", e.Message);
        Assert.Contains("ClashingSteps.ThenNothingIsLeftOrGone", e.Message);
    }

    [Fact]
    public async Task A_failing_step_fails_the_scenario_and_skips_the_rest()
    {
        var e = await Assert.ThrowsAsync<ScenarioFailedException>(() => BridgeRun.RunAsync("""
            Feature: F
              Scenario: S
                Given a shop
                Then it fails
                And nothing is left
            """));
        Assert.Contains("failed at step 'Then it fails' (line 4)", e.Message);
        Assert.Contains("the sample step failed on purpose", e.Message);
        Assert.Contains("✓ Given a shop", e.Message);
        Assert.Contains("- And nothing is left (skipped)", e.Message);
    }
}

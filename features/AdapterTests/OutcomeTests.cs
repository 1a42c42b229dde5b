using ConformanceKit.Features.Adapter;
using Reqnroll;
using Reqnroll.Bindings;

namespace ConformanceKit.Features.AdapterTests;

/// <summary>What a scenario's outcome is when its steps are bound, unbound, ambiguous, failing, pending or ignored.</summary>
public sealed class OutcomeTests
{
    private const string Samples = "Outcomes.feature";

    [Fact]
    public async Task A_scenario_whose_steps_are_all_bound_passes_with_background_and_hooks()
    {
        var (error, log) = await SampleRun.RunAsync(Samples, "Every step is bound");
        Assert.Null(error);
        Assert.Equal(["before scenario", "background", "start 2", "increase 3", "check 5", "after scenario: passed"], log);
    }

    [Fact]
    public async Task An_undefined_step_fails_the_scenario_with_a_binding_skeleton()
    {
        var (error, log) = await SampleRun.RunAsync(Samples, "An undefined step");
        var failed = Assert.IsType<ScenarioFailedException>(error);
        Assert.IsType<MissingStepDefinitionException>(failed.InnerException);
        Assert.Contains("a sample step nobody has bound", failed.Message);
        Assert.Contains("failed at step 'When a sample step nobody has bound' (UndefinedStep)", failed.Message);
        Assert.Contains(@"[When(@""^a sample step nobody has bound$"")]", failed.Message);
        Assert.DoesNotContain("check 1", log); // the steps after it do not run
    }

    [Fact]
    public async Task An_ambiguous_step_fails_the_scenario_naming_both_bindings()
    {
        var (error, _) = await SampleRun.RunAsync(Samples, "An ambiguous step");
        var failed = Assert.IsType<ScenarioFailedException>(error);
        Assert.IsType<AmbiguousBindingException>(failed.InnerException);
        Assert.Contains("BoundOnce", failed.Message);
        Assert.Contains("BoundAgain", failed.Message);
    }

    [Fact]
    public async Task A_failing_step_fails_the_scenario_skips_the_rest_and_the_after_hook_sees_the_error()
    {
        var (error, log) = await SampleRun.RunAsync(Samples, "A failing step");
        var failed = Assert.IsType<ScenarioFailedException>(error);
        Assert.IsAssignableFrom<Xunit.Sdk.XunitException>(failed.InnerException);
        Assert.StartsWith("Scenario 'Adapter samples: A failing step' failed", failed.Message);
        Assert.Contains("And the sample counter is 1", failed.Message);
        Assert.Equal(["before scenario", "background", "start 1", "check 2", "after scenario: EqualException"], log);
    }

    [Fact]
    public async Task A_pending_step_fails_the_scenario_as_pending()
    {
        var (error, _) = await SampleRun.RunAsync(Samples, "A pending step");
        var failed = Assert.IsType<ScenarioFailedException>(error);
        Assert.IsType<PendingStepException>(failed.InnerException);
    }

    [Fact]
    public async Task An_ignore_tagged_scenario_does_not_run_its_steps()
    {
        var (error, log) = await SampleRun.RunAsync(Samples, "An ignored scenario");
        var failed = Assert.IsType<ScenarioFailedException>(error);
        Assert.IsType<ScenarioNotRunException>(failed.InnerException);
        Assert.StartsWith("ignored", failed.InnerException!.Message);
        Assert.DoesNotContain(log, l => l.Contains("@ignore scenario ran", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Adding to the counter [1, 1, 2]")]
    [InlineData("Adding to the counter [5, 10, 15]")]
    public async Task Each_Examples_row_runs_as_its_own_scenario_with_its_values(string row)
    {
        var (error, log) = await SampleRun.RunAsync(Samples, row);
        Assert.Null(error);
        var values = row[(row.IndexOf('[') + 1)..^1].Split(", ");
        Assert.Equal(["before scenario", "background", $"start {values[0]}", $"increase {values[1]}", $"check {values[2]}", "after scenario: passed"], log);
    }

    [Fact]
    public async Task A_data_table_and_a_doc_string_reach_the_step()
    {
        var (error, log) = await SampleRun.RunAsync(Samples, "A table and a doc string");
        Assert.Null(error);
        Assert.Contains("note xin chào", log);
    }
}

using System.Collections.Specialized;
using System.Text;
using Io.Cucumber.Messages.Types;
using Exception = System.Exception;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Adapter;

/// <summary>
/// Runs one pickle through Reqnroll's <see cref="ITestRunner"/>, the calls Reqnroll's generated code-behind makes:
/// feature start (when the worker's runner holds another feature), scenario initialize/start, each step, collect errors,
/// scenario end. A failure is rethrown with the scenario, its steps and the failure details (the HTTP exchange) added.
/// </summary>
public static class ScenarioRunner
{
    public static Task RunAsync(string featurePath, int pickleIndex) => RunAsync(featurePath, pickleIndex, manager: null);

    /// <param name="manager">a test runner manager of one's own (the adapter's tests), else the assembly's.</param>
    public static Task RunAsync(string featurePath, int pickleIndex, ITestRunnerManager? manager) =>
        RunAsync(featurePath, pickleIndex, manager, skip: false);

    /// <summary>
    /// Tells Reqnroll the scenario is skipped (no hooks, no steps), as its generated code does for <c>@ignore</c>, so
    /// the report lists it as skipped; xunit reports the skip and its reason (<see cref="ScenarioTestCase"/>).
    /// </summary>
    public static Task SkipAsync(string featurePath, int pickleIndex, ITestRunnerManager? manager = null) =>
        RunAsync(featurePath, pickleIndex, manager, skip: true);

    private static async Task RunAsync(string featurePath, int pickleIndex, ITestRunnerManager? manager, bool skip)
    {
        var feature = FeatureFile.Load(featurePath);
        var pickle = feature.PickleList[pickleIndex];
        var (scenario, rule, header, row) = feature.Locate(pickle);

        var runner = manager?.GetTestRunner(feature.Info)
            ?? TestRunnerManager.GetTestRunnerForAssembly(typeof(ScenarioRunner).Assembly, featureHint: feature.Info);
        try
        {
            if (runner.FeatureContext is { } current && !ReferenceEquals(current.FeatureInfo, feature.Info))
                await runner.OnFeatureEndAsync();
            if (runner.FeatureContext is null) await runner.OnFeatureStartAsync(feature.Info);

            var arguments = new OrderedDictionary();
            if (header is not null && row is not null)
                for (var i = 0; i < header.Cells.Count; i++) arguments[header.Cells[i].Value] = row.Cells[i].Value;
            var featureTags = feature.Info.Tags;
            var ruleTags = rule?.Tags.Select(t => t.Name.TrimStart('@')).ToArray() ?? [];
            var ownTags = FeatureFile.TagsOf(pickle).Except(featureTags).Except(ruleTags).ToArray();
            var info = new ScenarioInfo(pickle.Name, scenario.Description, ownTags, arguments,
                TagHelper.CombineTags(featureTags, ruleTags), pickleIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            runner.OnScenarioInitialize(info, rule is null ? null! : new RuleInfo(rule.Name, rule.Description, ruleTags));
            var details = runner.ScenarioContext.ScenarioContainer.Resolve<FailureDetails>();

            Exception? error = null;
            PickleStep? failedAt = null;
            var status = ScenarioExecutionStatus.OK;
            try
            {
                if (skip || TagHelper.ContainsIgnoreTag([.. info.CombinedTags]))
                {
                    // No hooks run; the steps are passed on only to be reported skipped (Reqnroll runs no binding of a skipped scenario).
                    await runner.SkipScenarioAsync();
                    foreach (var step in pickle.Steps) await RunStepAsync(runner, feature, step);
                }
                else
                {
                    await runner.OnScenarioStartAsync();
                    foreach (var step in pickle.Steps)
                    {
                        await RunStepAsync(runner, feature, step);
                        if (failedAt is null && runner.ScenarioContext.ScenarioExecutionStatus != ScenarioExecutionStatus.OK)
                            (failedAt, status) = (step, runner.ScenarioContext.ScenarioExecutionStatus);
                    }
                }
                await runner.CollectScenarioErrorsAsync();
            }
            catch (Exception e) { error = e; }
            finally { await runner.OnScenarioEndAsync(); }

            if (skip && error is ScenarioNotRunException) return; // Reqnroll's "The scenario has been skipped."
            if (error is not null) throw new ScenarioFailedException(Describe(feature, pickle, error, details, failedAt, status), error);
        }
        finally
        {
            if (manager is null) TestRunnerManager.ReleaseTestRunner(runner);
            else manager.ReleaseTestRunnerToPool(runner);
        }
    }

    private static Task RunStepAsync(ITestRunner runner, FeatureFile feature, PickleStep step)
    {
        var keyword = feature.KeywordOf(step);
        var docString = step.Argument?.DocString?.Content;
        var table = step.Argument?.DataTable is { } t ? ToTable(t) : null;
        return step.Type switch
        {
            PickleStepType.CONTEXT => runner.GivenAsync(step.Text, docString, table, keyword),
            PickleStepType.ACTION => runner.WhenAsync(step.Text, docString, table, keyword),
            PickleStepType.OUTCOME => runner.ThenAsync(step.Text, docString, table, keyword),
            _ => runner.AndAsync(step.Text, docString, table, keyword), // "*" steps: the previous step's kind
        };
    }

    /// <summary>A regex binding for an undefined step (Reqnroll prints its own to the trace, which xunit 2 does not show).</summary>
    private static string Skeleton(PickleStep step)
    {
        var attribute = step.Type switch { PickleStepType.ACTION => "When", PickleStepType.OUTCOME => "Then", _ => "Given" };
        var pattern = System.Text.RegularExpressions.Regex.Escape(step.Text).Replace("\\ ", " ", StringComparison.Ordinal)
            .Replace("\"", "\"\"", StringComparison.Ordinal);
        var argument = step.Argument?.DataTable is not null ? "DataTable table" : step.Argument?.DocString is not null ? "string text" : "";
        return $"    [{attribute}(@\"^{pattern}$\")]\n    public void Step({argument}) => throw new PendingStepException();";
    }

    private static Table ToTable(PickleTable table)
    {
        var result = new Table([.. table.Rows[0].Cells.Select(c => c.Value)]);
        foreach (var row in table.Rows.Skip(1)) result.AddRow([.. row.Cells.Select(c => c.Value)]);
        return result;
    }

    private static string Describe(FeatureFile feature, Pickle pickle, Exception error, FailureDetails details, PickleStep? failedAt, ScenarioExecutionStatus status)
    {
        var text = new StringBuilder($"Scenario '{feature.Title}: {feature.DisplayName(pickle)}' failed");
        text.Append(failedAt is null ? ": " : $" at step '{feature.KeywordOf(failedAt)}{failedAt.Text}' ({status}):\n").AppendLine(error.Message);
        if (status == ScenarioExecutionStatus.UndefinedStep && failedAt is not null)
            text.AppendLine().AppendLine("Bind it, e.g.:").AppendLine(Skeleton(failedAt));
        text.AppendLine().AppendLine("Steps:");
        var reached = failedAt is null;
        foreach (var step in pickle.Steps)
        {
            var mark = step == failedAt ? "✗" : reached ? "-" : "✓";
            if (step == failedAt) reached = true;
            text.AppendLine($"  {mark} {feature.KeywordOf(step)}{step.Text}");
        }
        foreach (var detail in details.Items) text.AppendLine().AppendLine(detail);
        return text.ToString();
    }
}

/// <summary>The scenario failed: the message names the scenario and carries the failure details; the cause is inner.</summary>
public sealed class ScenarioFailedException(string message, Exception inner) : Exception(message, inner);

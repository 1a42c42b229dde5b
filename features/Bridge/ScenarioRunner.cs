using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ConformanceKit.Features.Reqnroll;

namespace ConformanceKit.Features.Bridge;

/// <summary>Runs one scenario: hooks, then each step through its binding; the first failure skips the rest.</summary>
public static class ScenarioRunner
{
    /// <param name="configure">registers ready-made instances before the scenario (the bridge's own tests use it).</param>
    public static async Task RunAsync(ScenarioPlan plan, BindingRegistry registry, Action<ScenarioContainer>? configure = null)
    {
        await using var container = new ScenarioContainer();
        configure?.Invoke(container);
        var context = new ScenarioContext { FeatureTitle = plan.Feature, ScenarioTitle = plan.Name, Tags = plan.Tags, ExampleRow = plan.Row };
        container.Register(context);
        var log = new StringBuilder();
        PlannedStep? failedAt = null;

        try
        {
            foreach (var hook in registry.BeforeScenario) await InvokeAsync(container, hook, []);
            foreach (var step in plan.Steps)
            {
                if (context.TestError is not null) { log.AppendLine($"  - {step} (skipped)"); continue; }
                try
                {
                    var (binding, match) = registry.Find(step);
                    await InvokeAsync(container, binding.Method, Arguments(binding, match, step));
                    log.AppendLine($"  ✓ {step}");
                }
                catch (Exception e)
                {
                    context.TestError = Unwrap(e);
                    failedAt = step;
                    log.AppendLine($"  ✗ {step}");
                }
            }
        }
        catch (Exception e) when (context.TestError is null)
        {
            context.TestError = Unwrap(e); // a BeforeScenario hook failed
        }
        finally
        {
            foreach (var hook in registry.AfterScenario)
            {
                try { await InvokeAsync(container, hook, []); }
                catch (Exception e) { context.TestError ??= Unwrap(e); }
            }
        }

        if (context.TestError is { } error)
            throw new ScenarioFailedException(Describe(plan, failedAt, error, log, context), error);
    }

    private static string Describe(ScenarioPlan plan, PlannedStep? failedAt, Exception error, StringBuilder log, ScenarioContext context)
    {
        var text = new StringBuilder();
        text.AppendLine(failedAt is null
            ? $"Scenario '{plan.DisplayName}' failed in a hook: {error.Message}"
            : $"Scenario '{plan.DisplayName}' failed at step '{failedAt}' (line {failedAt.Line}):\n{error.Message}");
        text.AppendLine().AppendLine("Steps:").Append(log);
        foreach (var detail in context.FailureDetails) text.AppendLine().AppendLine(detail);
        return text.ToString();
    }

    private static async Task InvokeAsync(ScenarioContainer container, MethodInfo method, object?[] arguments)
    {
        var target = container.Resolve(method.DeclaringType!);
        object? result;
        try { result = method.Invoke(target, arguments); }
        catch (TargetInvocationException e) when (e.InnerException is not null) { throw e.InnerException; }
        if (result is Task task) await task;
        else if (result is ValueTask valueTask) await valueTask;
    }

    /// <summary>Regex groups in order, converted to the parameter types; then the table or doc string.</summary>
    internal static object?[] Arguments(StepBinding binding, Match match, PlannedStep step)
    {
        var parameters = binding.Method.GetParameters();
        var values = new List<object?>();
        var groups = match.Groups.Cast<Group>().Skip(1).ToList();
        var extra = step.Table is not null ? (object)step.Table : step.DocString;
        if (parameters.Length != groups.Count + (extra is null ? 0 : 1))
            throw new StepBindingException($"{binding} takes {parameters.Length} parameter(s) but step '{step}' gives " +
                $"{groups.Count} regex group(s){(extra is null ? "" : " and a " + (step.Table is null ? "doc string" : "table"))}");
        for (var i = 0; i < groups.Count; i++) values.Add(Convert(groups[i].Value, parameters[i].ParameterType, binding));
        if (extra is not null) values.Add(extra);
        return [.. values];
    }

    internal static object? Convert(string value, Type type, StepBinding binding)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (target == typeof(string)) return value;
            if (target.IsEnum) return Enum.Parse(target, value.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true);
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException)
        {
            throw new StepBindingException($"{binding}: cannot convert '{value}' to {target.Name} ({e.Message})");
        }
    }

    private static Exception Unwrap(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? inner : e;
}

public sealed class ScenarioFailedException(string message, Exception inner) : Exception(message, inner);

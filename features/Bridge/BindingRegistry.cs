using System.Reflection;
using System.Text.RegularExpressions;
using ConformanceKit.Features.Reqnroll;

namespace ConformanceKit.Features.Bridge;

public sealed record StepBinding(StepKind Kind, Regex Regex, MethodInfo Method)
{
    public override string ToString() => $"{Method.DeclaringType!.Name}.{Method.Name} [{Kind}(@\"{Regex}\")]";
}

/// <summary>The step and hook methods of a set of [Binding] classes.</summary>
public sealed class BindingRegistry
{
    public BindingRegistry(IEnumerable<Type> types)
    {
        var bindingTypes = types.Where(t => t.GetCustomAttribute<BindingAttribute>() is not null).ToList();
        var methods = bindingTypes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)).ToList();
        Steps = [.. methods.SelectMany(m => m.GetCustomAttributes<StepDefinitionBaseAttribute>().Select(a => new StepBinding(a.Kind, a.ToAnchoredRegex(), m)))];
        BeforeScenario = [.. methods.Select(m => (m, a: m.GetCustomAttribute<BeforeScenarioAttribute>())).Where(p => p.a is not null).OrderBy(p => p.a!.Order).Select(p => p.m)];
        AfterScenario = [.. methods.Select(m => (m, a: m.GetCustomAttribute<AfterScenarioAttribute>())).Where(p => p.a is not null).OrderBy(p => p.a!.Order).Select(p => p.m)];
    }

    /// <summary>The bindings of the feature suite: every [Binding] class of this assembly outside the bridge's own tests.</summary>
    public static BindingRegistry Suite { get; } = new(typeof(BindingRegistry).Assembly.GetTypes()
        .Where(t => t.Namespace is not null && !t.Namespace.StartsWith("ConformanceKit.Features.BridgeTests", StringComparison.Ordinal)));

    public IReadOnlyList<StepBinding> Steps { get; }
    public IReadOnlyList<MethodInfo> BeforeScenario { get; }
    public IReadOnlyList<MethodInfo> AfterScenario { get; }

    /// <summary>The one binding for the step and its regex groups; throws naming the step when none or several match.</summary>
    public (StepBinding Binding, Match Match) Find(PlannedStep step)
    {
        var found = Steps.Where(b => b.Kind == step.Kind).Select(b => (b, m: b.Regex.Match(step.Text))).Where(p => p.m.Success).ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw new StepBindingException(
                $"No binding for step '{step}' (line {step.Line}, a {step.Kind} step). Add one to a [Binding] class in features/Steps/:\n\n" +
                StubSuggestion.For(step)),
            _ => throw new StepBindingException(
                $"Ambiguous step '{step}' (line {step.Line}): {found.Count} bindings match:\n" + string.Join("\n", found.Select(p => "  " + p.b))),
        };
    }
}

public sealed class StepBindingException(string message) : Exception(message);

using System.Text.RegularExpressions;

// Named like Reqnroll's attributes: moving to Reqnroll is replacing this namespace with `Reqnroll`.
namespace ConformanceKit.Features.Reqnroll;

/// <summary>Marks a class whose methods bind steps or hooks. One instance per scenario.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BindingAttribute : Attribute;

public enum StepKind { Given, When, Then }

/// <summary>A step binding: <see cref="Pattern"/> is a regex matched against the whole step text.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class StepDefinitionBaseAttribute(StepKind kind, string pattern) : Attribute
{
    public StepKind Kind { get; } = kind;
    public string Pattern { get; } = pattern;
}

public sealed class GivenAttribute(string pattern) : StepDefinitionBaseAttribute(StepKind.Given, pattern);

public sealed class WhenAttribute(string pattern) : StepDefinitionBaseAttribute(StepKind.When, pattern);

public sealed class ThenAttribute(string pattern) : StepDefinitionBaseAttribute(StepKind.Then, pattern);

/// <summary>Runs before each scenario's steps; lower <see cref="Order"/> first.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BeforeScenarioAttribute : Attribute
{
    public int Order { get; set; } = 10_000;
}

/// <summary>Runs after each scenario, also when it failed (see <see cref="ScenarioContext.TestError"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AfterScenarioAttribute : Attribute
{
    public int Order { get; set; } = 10_000;
}

internal static class PatternExtensions
{
    public static Regex ToAnchoredRegex(this StepDefinitionBaseAttribute a) =>
        new("^(?:" + a.Pattern.TrimStart('^').TrimEnd('$') + ")$", RegexOptions.CultureInvariant);
}

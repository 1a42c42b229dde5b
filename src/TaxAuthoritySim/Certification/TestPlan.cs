using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>
/// A scripted test plan (data, like the catalogue): the steps a vendor's system performs in a certification session.
/// Plans are JSON files under Certification/plans, embedded in the simulator; the version is the first 12 hex digits
/// of the file's SHA-256, so a plan edited in any way has a new version.
/// </summary>
public sealed record TestPlan
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>"tvan" (a provider / T-VAN, sender V+MST) or "direct" (a taxpayer connected directly, sender K+MST).</summary>
    public required string Connection { get; init; }

    public required IReadOnlyList<PlanStep> Steps { get; init; }

    [JsonIgnore] public string Version { get; init; } = "";

    public bool IsDirect => Connection == "direct";
}

/// <summary>One step: what the vendor is told, what the service does to its traffic, and what is judged when it ends.</summary>
public sealed record PlanStep
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>Shown to the vendor, in English and Vietnamese; {mst}, {block} and {sender} are the session's.</summary>
    public required PlanText Instruction { get; init; }

    public StepAction Action { get; init; } = new();

    /// <summary>The named server-side checks (see <see cref="StepJudges"/>), all of which must pass.</summary>
    public required IReadOnlyList<string> Judge { get; init; }

    /// <summary>Packages (206) the step needs at least, for the packages-taken check.</summary>
    public int MinPackages { get; init; } = 1;
}

public sealed record PlanText(string En, string Vi);

/// <summary>What the service does while the step is open; undone when it ends. Fault rules apply to the session's sender only.</summary>
public sealed record StepAction
{
    public IReadOnlyList<FaultRule> Faults { get; init; } = [];

    /// <summary>"expired": the session's T-VAN contract ended yesterday (simulated date) while the step is open.</summary>
    public string? Contract { get; init; }
}

/// <summary>The plans the simulator knows, read once from its embedded plan files.</summary>
public sealed class TestPlans
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Dictionary<string, TestPlan> _plans;

    public TestPlans() : this(Embedded()) { }

    public TestPlans(IEnumerable<(string Name, byte[] Content)> files)
    {
        _plans = new Dictionary<string, TestPlan>(StringComparer.Ordinal);
        foreach (var (name, content) in files)
        {
            var plan = Parse(content, name);
            _plans[plan.Id] = plan;
        }
    }

    public IReadOnlyCollection<TestPlan> All => _plans.Values;

    public TestPlan? Find(string? id) => id is not null && _plans.TryGetValue(id, out var p) ? p : null;

    /// <summary>Reads a plan; throws <see cref="InvalidDataException"/> naming the file and what is wrong.</summary>
    public static TestPlan Parse(byte[] content, string name)
    {
        TestPlan? plan;
        try { plan = JsonSerializer.Deserialize<TestPlan>(content, Json); }
        catch (JsonException e) { throw new InvalidDataException($"plan {name}: {e.Message}", e); }
        if (plan is null || plan.Steps.Count == 0) throw new InvalidDataException($"plan {name}: no steps");
        if (plan.Connection is not ("tvan" or "direct")) throw new InvalidDataException($"plan {name}: connection must be tvan or direct");
        foreach (var step in plan.Steps)
        {
            foreach (var judge in step.Judge)
                if (!StepJudges.Known.Contains(judge)) throw new InvalidDataException($"plan {name}, step {step.Id}: unknown check '{judge}'");
            foreach (var rule in step.Action.Faults)
                if (rule.Problems().FirstOrDefault() is { } problem) throw new InvalidDataException($"plan {name}, step {step.Id}: {problem}");
        }
        if (plan.Steps.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1) is { } dup)
            throw new InvalidDataException($"plan {name}: step id {dup.Key} is used twice");
        return plan with { Version = Convert.ToHexStringLower(SHA256.HashData(content))[..12] };
    }

    private static IEnumerable<(string, byte[])> Embedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "ConformanceKit.TaxAuthoritySim.Certification.plans.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            yield return (name[prefix.Length..], buffer.ToArray());
        }
    }
}

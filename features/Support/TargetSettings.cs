using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Features.Support;

/// <summary>
/// What the features run against, read once from the environment (docs/features.md, "Running against your own system"):
/// <list type="bullet">
/// <item><c>CK_TARGET</c>: an external authority endpoint implementing the simulator contract with the demo seed; unset,
/// each scenario gets its own in-process simulator.</item>
/// <item><c>CK_ADMIN_KEY</c>: that endpoint's control plane key (clock, faults, seeding, reset). With <c>CK_TARGET</c> set
/// and no <c>CK_ADMIN_KEY</c> the target has no control plane; the in-process simulator always has one.</item>
/// <item><c>CK_TVAN_KEY</c>: the demo T-VAN's API key on the endpoint.</item>
/// <item><c>CK_PROVIDER_URL</c>, <c>CK_PROVIDER_KEY</c>: a vendor's own provider implementing docs/provider.md's API;
/// unset, the features run our in-process reference provider.</item>
/// </list>
/// Scenarios say what they need with tags; <see cref="SkipReason"/> selects out, at discovery, those the target lacks.
/// </summary>
public static class TargetSettings
{
    /// <summary>The settings of this test run.</summary>
    public static TargetEnvironment Current { get; } = TargetEnvironment.From(Environment.GetEnvironmentVariable);

    /// <summary><c>CK_TARGET</c>, or null for the in-process simulator.</summary>
    public static Uri? Target => Current.Target;

    /// <summary>True when each scenario runs its own in-process simulator (no <c>CK_TARGET</c>).</summary>
    public static bool InProcessAuthority => Current.InProcessAuthority;

    /// <summary>True when the authority's admin API can be used: the in-process simulator, or <c>CK_TARGET</c> with <c>CK_ADMIN_KEY</c>.</summary>
    public static bool HasControlPlane => Current.HasControlPlane;

    /// <summary>The control plane's key (the demo key in-process, <c>CK_ADMIN_KEY</c> for <c>CK_TARGET</c>); empty without a control plane.</summary>
    public static string AdminKey => Current.ControlPlaneKey ?? "";

    /// <summary>The demo T-VAN's API key: <c>CK_TVAN_KEY</c>, else the demo seed's.</summary>
    public static string TvanKey => Current.TvanKey ?? DemoData.TvanApiKey;

    /// <summary><c>CK_PROVIDER_URL</c>: a vendor's own provider; null for our in-process reference provider.</summary>
    public static Uri? ProviderUrl => Current.ProviderUrl;

    /// <summary><c>CK_PROVIDER_KEY</c>: the API key for <see cref="ProviderUrl"/>; null when unset.</summary>
    public static string? ProviderKey => Current.ProviderKey;

    /// <summary>True when the features run our own in-process reference provider (no <c>CK_PROVIDER_URL</c>).</summary>
    public static bool ReferenceProvider => Current.ReferenceProvider;

    /// <summary>Why a scenario with these tags cannot run in this test run, or null when it can.</summary>
    public static string? SkipReason(IEnumerable<string> tags) => Current.SkipReason(tags);
}

/// <summary>The target settings as values: what <see cref="TargetSettings"/> reads, and the skip rule over them (a pure function).</summary>
public sealed record TargetEnvironment(Uri? Target, string? AdminKey, string? TvanKey, Uri? ProviderUrl, string? ProviderKey)
{
    /// <summary>Needs its own simulator per scenario: skipped when <c>CK_TARGET</c> is set.</summary>
    public const string InProcessTag = "in-process";

    /// <summary>Needs the authority's admin API (clock, faults, seeding): skipped when the target has no control plane.</summary>
    public const string ControlPlaneTag = "control-plane";

    /// <summary>Needs our own in-process reference provider (folder/table connections, signing modes, restart): skipped when <c>CK_PROVIDER_URL</c> is set.</summary>
    public const string ReferenceProviderTag = "reference-provider";

    /// <summary>A whole sale through a provider to the authority: a vendor's provider needs <c>CK_TARGET</c>, the authority it sends to.</summary>
    public const string PipelineTag = "pipeline";

    /// <summary>The settings the variables give (<paramref name="variable"/>: name → value, null when unset; blank counts as unset).</summary>
    public static TargetEnvironment From(Func<string, string?> variable)
    {
        string? Value(string name) => variable(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        static Uri Url(string value) => new(value.TrimEnd('/') + "/");
        return new TargetEnvironment(
            Value("CK_TARGET") is { } target ? Url(target) : null,
            Value("CK_ADMIN_KEY"),
            Value("CK_TVAN_KEY"),
            Value("CK_PROVIDER_URL") is { } provider ? Url(provider) : null,
            Value("CK_PROVIDER_KEY"));
    }

    public bool InProcessAuthority => Target is null;

    public bool HasControlPlane => InProcessAuthority || AdminKey is not null;

    public bool ReferenceProvider => ProviderUrl is null;

    /// <summary>The demo key in-process (the simulator is seeded with it), <c>CK_ADMIN_KEY</c> for <c>CK_TARGET</c>.</summary>
    public string? ControlPlaneKey => InProcessAuthority ? DemoData.AdminKey : AdminKey;

    /// <summary>Why a scenario with these tags ('@' optional) cannot run against this target, or null when it can.</summary>
    public string? SkipReason(IEnumerable<string> tags)
    {
        var set = tags.Select(t => t.TrimStart('@')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var reasons = new List<string>();
        if (set.Contains(InProcessTag) && !InProcessAuthority)
            reasons.Add($"needs its own in-process simulator: CK_TARGET is set ({Target})");
        else if (set.Contains(ControlPlaneTag) && !HasControlPlane)
            reasons.Add("needs the authority's control plane: CK_TARGET is set without CK_ADMIN_KEY");
        if (set.Contains(ReferenceProviderTag) && !ReferenceProvider)
            reasons.Add($"needs the in-process reference provider: CK_PROVIDER_URL is set ({ProviderUrl})");
        else if (set.Contains(PipelineTag) && !ReferenceProvider && InProcessAuthority)
            reasons.Add("needs the authority CK_PROVIDER_URL's provider sends to: set CK_TARGET to it");
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}

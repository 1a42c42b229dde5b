using System.Text.Json.Serialization;

namespace ConformanceKit.TaxAuthoritySim.Faults;

/// <summary>What a fault does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultAction>))]
public enum FaultAction
{
    /// <summary>Hold the HTTP answer (the 999) for DelaySeconds of real time.</summary>
    Delay999,
    /// <summary>Make the 204 visible DelaySeconds of simulated time later than it would be.</summary>
    Delay204,
    /// <summary>Produce no 204 (the package is still checked and stored when valid).</summary>
    Drop204,
    /// <summary>Deliver the 204 twice (same MTDiep, twice in the feed and callbacks).</summary>
    Duplicate204,
    /// <summary>Answer HTTP 500 without taking the message.</summary>
    Status500,
    /// <summary>Answer HTTP 503 (with Retry-After) without taking the message.</summary>
    Status503,
    /// <summary>Abort the connection without an answer, without taking the message.</summary>
    CloseConnection,
}

/// <summary>
/// One fault rule: where it applies (every given criterion must match), what it does and how
/// often (a probability, the first N matches, or every match).
/// </summary>
public sealed record FaultRule
{
    /// <summary>Assigned when added.</summary>
    public string? Id { get; init; }

    /// <summary>Request path prefix, e.g. "/api/v1/messages"; null = any.</summary>
    public string? Route { get; init; }

    /// <summary>MLTDiep; null = any.</summary>
    public string? MessageType { get; init; }

    /// <summary>Envelope MST; null = any.</summary>
    public string? Mst { get; init; }

    /// <summary>T-VAN code (MNGui of the authenticated T-VAN); null = any.</summary>
    public string? Tvan { get; init; }

    public required FaultAction Action { get; init; }

    /// <summary>For the delays: seconds (real for Delay999, simulated for Delay204).</summary>
    public double? DelaySeconds { get; init; }

    /// <summary>Chance of firing on each match, 0–1; null = always.</summary>
    public double? Probability { get; init; }

    /// <summary>Fire only on the first N matches; null = no limit.</summary>
    public int? FirstN { get; init; }

    /// <summary>How many times it matched / fired so far (read-only in responses).</summary>
    public int Matched { get; init; }
    public int Fired { get; init; }

    public IEnumerable<string> Problems()
    {
        if (Probability is < 0 or > 1) yield return "probability must be between 0 and 1";
        if (FirstN is < 1) yield return "firstN must be at least 1";
        if (Action is FaultAction.Delay999 or FaultAction.Delay204 && DelaySeconds is not > 0)
            yield return $"{Action} needs delaySeconds > 0";
        if (Action == FaultAction.Delay999 && DelaySeconds > 300) yield return "Delay999 is at most 300 seconds";
    }
}

using System.Text.Json.Serialization;

namespace ConformanceKit.AuthorityContract;

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
/// One fault rule (POST /admin/v1/faults; docs/simulator.md, "Fault rules"): where it applies (every given criterion must match), what it does and how
/// often (a probability, the first N matches, or every match). On the wire a property that is not set is left out.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Assigned when added.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    /// <summary>Request path prefix, e.g. "/api/v1/messages"; null = any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Route { get; init; }

    /// <summary>MLTDiep; null = any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageType { get; init; }

    /// <summary>Envelope MST; null = any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mst { get; init; }

    /// <summary>T-VAN code (MNGui of the authenticated T-VAN); null = any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tvan { get; init; }

    public required FaultAction Action { get; init; }

    /// <summary>For the delays: seconds (real for Delay999, simulated for Delay204).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DelaySeconds { get; init; }

    /// <summary>Chance of firing on each match, 0–1; null = always.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Probability { get; init; }

    /// <summary>Fire only on the first N matches; null = no limit.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? FirstN { get; init; }

    /// <summary>How many times it matched / fired so far (read-only in responses).</summary>
    public int Matched { get; init; }
    public int Fired { get; init; }

    /// <summary>Real seconds a Delay999 may hold an answer; HTTP clients time out long before.</summary>
    public const double MaxDelay999Seconds = 300;

    /// <summary>Simulated seconds a Delay204 may add: enough to pass the 15-minute bound, not to hide a 204 forever.</summary>
    public const double MaxDelay204Seconds = 3600;

    public const int MaxTextLength = 200;

    /// <summary>Every problem, each starting with its field; NaN and ±Infinity (JSON "NaN" strings) are refused too.</summary>
    public IEnumerable<string> Problems()
    {
        if (Probability is { } p && !(double.IsFinite(p) && p is >= 0 and <= 1))
            yield return "probability: must be a number from 0 to 1";
        if (FirstN is < 1) yield return "firstN: must be at least 1";
        var max = Action == FaultAction.Delay999 ? MaxDelay999Seconds : MaxDelay204Seconds;
        if (Action is FaultAction.Delay999 or FaultAction.Delay204 && DelaySeconds is null)
            yield return $"delaySeconds: {Action} needs a number > 0 and at most {max}";
        else if (DelaySeconds is { } d && !(double.IsFinite(d) && d > 0 && d <= max))
            yield return $"delaySeconds: must be a number > 0 and at most {max}"
                + (Action == FaultAction.Delay999 ? " (Delay999 holds the HTTP answer in real time)" : "");
        foreach (var (name, value) in new[] { ("id", Id), ("route", Route), ("messageType", MessageType), ("mst", Mst), ("tvan", Tvan) })
            if (value is { Length: > MaxTextLength }) yield return $"{name}: at most {MaxTextLength} characters";
    }
}

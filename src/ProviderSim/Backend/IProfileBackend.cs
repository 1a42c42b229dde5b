using Microsoft.AspNetCore.Routing;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// The code half of a profile: the routes a profile's mapping files proxy to (<c>"ProxyUrl": "${backend}"</c>), turning
/// the market provider's request into a sale of the reference provider and its answer into the provider's envelope.
/// </summary>
public interface IProfileBackend
{
    /// <summary>The name a profile.json gives as "backend".</summary>
    string Name { get; }

    void Map(IEndpointRouteBuilder app, BackendContext context);

    /// <summary>How the judgement of a POS (<see cref="PosJudge"/>) reads this provider's traffic.</summary>
    JudgeSpec Judge { get; }
}

/// <param name="Login">Whether a request (method, path) is a login.</param>
/// <param name="Issue">Whether a request (method, path, body) issues an invoice.</param>
/// <param name="TransactionId">The POS's id of the transaction in an issue request's body; null when it sent none.</param>
/// <param name="Issued">Whether an answer (status, body) to an issue request means an invoice was issued.</param>
public sealed record JudgeSpec(
    Func<string, string, bool> Login,
    Func<string, string, string?, bool> Issue,
    Func<string, string?> TransactionId,
    Func<int, string, bool> Issued)
{
    /// <summary>What identifies a sale in an issue request apart from its ids and dates; null = the JSON body without them.</summary>
    public Func<string, string?>? SaleKey { get; init; }

    /// <summary>
    /// The content rules of one issue request in the provider's names: each finding is (rule id, text) — the rule ids are
    /// <c>required-fields</c>, <c>totals</c>, <c>amount-in-words</c>, <c>signature</c> (docs/provider-sim.md, the catalogue).
    /// </summary>
    public Func<string, IEnumerable<(string Rule, string Finding)>>? Content { get; init; }

    /// <summary>The rules <see cref="Content"/> judges for this profile (others say not-seen).</summary>
    public IReadOnlyList<string> ContentRules { get; init; } = [];

    /// <summary>Whether an answer to an issue request refuses its content; null = 400, or a 200 that is not issued and names an invalid field.</summary>
    public Func<int, string, bool>? Refused { get; init; }

    /// <summary>A reader of a JSON body for <see cref="TransactionId"/>: null when the body is not JSON.</summary>
    public static Func<string, string?> Json(Func<System.Text.Json.JsonElement, string?> read) => body =>
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            return read(doc.RootElement);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    };
}

public static class ProfileBackends
{
    public static IReadOnlyList<IProfileBackend> All { get; } = [new ViettelBackend(), new MisaBackend(), new VnptBackend(), new TvanXmlBackend()];

    public static IProfileBackend? Find(string name) => All.FirstOrDefault(b => b.Name == name);
}

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
/// <param name="Issue">Whether a request (method, path) issues an invoice.</param>
/// <param name="TransactionId">The POS's id of the transaction in an issue request's JSON body; null when it sent none.</param>
/// <param name="Issued">Whether an answer (status, body) to an issue request means an invoice was issued.</param>
public sealed record JudgeSpec(
    Func<string, string, bool> Login,
    Func<string, string, bool> Issue,
    Func<System.Text.Json.JsonElement, string?> TransactionId,
    Func<int, string, bool> Issued);

public static class ProfileBackends
{
    public static IReadOnlyList<IProfileBackend> All { get; } = [new ViettelBackend(), new MisaBackend(), new TvanXmlBackend()];

    public static IProfileBackend? Find(string name) => All.FirstOrDefault(b => b.Name == name);
}

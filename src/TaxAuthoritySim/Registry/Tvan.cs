namespace ConformanceKit.TaxAuthoritySim.Registry;

/// <summary>A transmitting organisation (T-VAN) with its API key and contract with the authority.</summary>
public sealed record Tvan(string Code, string Name, string ApiKey, string? CallbackUrl, TvanContract? Contract);

/// <summary>The T-VAN's contract; in force when active and the date lies in [From, To].</summary>
public sealed record TvanContract(DateOnly From, DateOnly To, string Status)
{
    public bool InForceOn(DateOnly date) =>
        string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase) && date >= From && date <= To;
}

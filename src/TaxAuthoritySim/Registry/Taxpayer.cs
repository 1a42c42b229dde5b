namespace ConformanceKit.TaxAuthoritySim.Registry;

/// <summary>A taxpayer (NNT) as the simulated registry knows it.</summary>
/// <param name="Status">Registry state code; 00, 02 and 04 are active.</param>
/// <param name="Certificates">Registered certificates (DER); empty = any certificate naming the MST.</param>
public sealed record Taxpayer(
    string TaxCode,
    string Name,
    string? Address,
    string? Email,
    string Status,
    bool StoppedUsingEinvoices,
    CashRegisterRegistration? CashRegister,
    IReadOnlyList<byte[]> Certificates)
{
    public static readonly IReadOnlySet<string> ActiveStates = new HashSet<string> { "00", "02", "04" };

    public bool IsActive => ActiveStates.Contains(Status);
}

/// <summary>An accepted registration for cash-register invoices: when, which forms, which code blocks.</summary>
public sealed record CashRegisterRegistration(DateOnly AcceptedOn, IReadOnlyList<int> Forms, IReadOnlyList<string> CodeBlocks);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.AuthorityContract;

/// <summary>The seed file of contract.md: taxpayers, T-VANs, the authority and the admin key.</summary>
public sealed record SeedDocument
{
    public SeedAuthority? TaxAuthority { get; init; }
    public List<SeedTaxpayer>? Taxpayers { get; init; }
    public List<SeedTvan>? Tvans { get; init; }
    public string? AdminKey { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

public sealed record SeedAuthority
{
    public string? Name { get; init; }
    public string? Place { get; init; }
}

public sealed record SeedTaxpayer
{
    public string? Mst { get; init; }
    public string? Name { get; init; }
    public string? Address { get; init; }
    public string? Email { get; init; }
    public string? Status { get; init; }
    public bool StoppedUsingEinvoices { get; init; }
    public SeedCashRegister? CashRegister { get; init; }

    /// <summary>Base64 DER certificates; absent or empty = any certificate naming the MST.</summary>
    public List<string>? Certificates { get; init; }
}

public sealed record SeedCashRegister
{
    public DateOnly? AcceptedOn { get; init; }
    public List<int>? Forms { get; init; }
    public List<string>? CodeBlocks { get; init; }
}

public sealed record SeedTvan
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? ApiKey { get; init; }
    public string? CallbackUrl { get; init; }
    public SeedContract? Contract { get; init; }
}

public sealed record SeedContract
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Status { get; init; }
}

using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Harness.Runner;

/// <summary>A message a case sent: how it was made (to resend it), its bytes, its id and invoices, and the answer.</summary>
public sealed record SentMessage
{
    public required byte[] Body { get; init; }
    public string? MessageId { get; init; }
    public required string ApiKey { get; init; }
    public required string TvanCode { get; init; }
    public string? TaxCode { get; init; }

    /// <summary>The invoice codes (MCCQT) of a package.</summary>
    public IReadOnlyList<string> InvoiceCodes { get; init; } = [];

    public PackageSpec? Package { get; init; }

    /// <summary>The package as built (before mutations): what later relations and 303 entries name.</summary>
    public InvoicePackage? Built { get; init; }
    public SamplePackageOptions? Options { get; init; }

    public PostResult? Answer { get; set; }

    /// <summary>Real time of the post, for deadlines.</summary>
    public DateTimeOffset PostedAt { get; init; } = DateTimeOffset.UtcNow;
}

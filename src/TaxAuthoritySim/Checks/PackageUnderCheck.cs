using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>
/// A 206 as the checks see it: read once (<see cref="MessageValidator"/> gives the schema findings, the rule
/// findings, the signatures and what the store keeps of each invoice from one pass over the bytes), with
/// the registry's view of who sent it and when it arrived.
/// </summary>
public sealed class PackageUnderCheck
{
    public required ValidationResult Read { get; init; }

    /// <summary>TTChung/MST as read at reception.</summary>
    public required string? EnvelopeTaxCode { get; init; }

    public required Taxpayer? Taxpayer { get; init; }

    public required Tvan? Tvan { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>
    /// The stored state of the invoice each replacement or adjustment names (TTHDLQuan), by the 1-based index of the
    /// invoice naming it; filled by the processor, which holds the store. An invoice absent here names nothing stored.
    /// </summary>
    public IReadOnlyDictionary<int, Corrections.InvoiceState> Related { get; set; } = new Dictionary<int, Corrections.InvoiceState>();

    /// <summary>MST for messages: the package's, else the envelope's as read at reception.</summary>
    public string? TaxCode => Read.TaxCode ?? EnvelopeTaxCode;

    /// <summary>
    /// Reads <paramref name="body"/> once, with the taxpayer's issued code blocks so the validator can judge 7002 — or
    /// takes <paramref name="read"/>, the same validation done at reception, when the taxpayer's blocks are unchanged.
    /// </summary>
    public static PackageUnderCheck Of(byte[] body, string? envelopeTaxCode, ReferenceData registry, Tvan? tvan, DateTimeOffset receivedAt,
        PackageRead? read = null)
    {
        var taxpayer = registry.Taxpayer(envelopeTaxCode);
        var blocks = taxpayer?.CashRegister?.CodeBlocks;
        return new PackageUnderCheck
        {
            Read = read is not null && read.StillHolds(blocks) ? read.Result : MessageValidator.Validate(body, OptionsFor(blocks)),
            EnvelopeTaxCode = envelopeTaxCode,
            Taxpayer = taxpayer,
            Tvan = tvan,
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>How a 206 is validated for its data check: no advisory findings, 7002 against <paramref name="codeBlocks"/>.</summary>
    public static ValidationOptions OptionsFor(IReadOnlyList<string>? codeBlocks) => new()
    {
        Advisory = false,
        IssuedCodeBlocks = codeBlocks is null ? null : new HashSet<string>(codeBlocks, StringComparer.Ordinal),
    };

    /// <summary>The validator's errors with one of <paramref name="codes"/>, as failures.</summary>
    public IEnumerable<CheckFailure> FindingsWith(IReadOnlyList<string> codes) =>
        Read.Findings.Where(f => f.IsError && codes.Contains(f.Code))
            .Select(f => new CheckFailure(f.Code, f.Message, f.InvoiceIndex, f.InvoiceCode, f.Line, f.Column, f.Path));
}

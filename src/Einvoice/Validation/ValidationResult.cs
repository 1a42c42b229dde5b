using ConformanceKit.Einvoice.Signatures;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>Everything a validation run found about one message.</summary>
public sealed class ValidationResult
{
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>MLTDiep, when the header could be read.</summary>
    public string? MessageType { get; init; }

    /// <summary>MTDiep, when the header could be read.</summary>
    public string? MessageId { get; init; }

    /// <summary>MST of the envelope, when present.</summary>
    public string? TaxCode { get; init; }

    /// <summary>MNGui, when present.</summary>
    public string? Sender { get; init; }

    /// <summary>SLuong as written, when present.</summary>
    public string? DeclaredCount { get; init; }

    /// <summary>Each HDon's MCCQT in document order (null where absent); empty for other types.</summary>
    public IReadOnlyList<string?> InvoiceCodes { get; init; } = [];

    /// <summary>What a register keeps of each HDon of a 206 (empty for other types and for envelope-only runs).</summary>
    public IReadOnlyList<InvoiceSummary> Invoices { get; init; } = [];

    /// <summary>Number of HDon elements in a 206 package.</summary>
    public int InvoiceCount { get; init; }

    /// <summary>Every signature checked, in document order.</summary>
    public IReadOnlyList<SignatureCheck> Signatures { get; init; } = [];

    public bool IsValid => !Findings.Any(f => f.IsError);

    public int ErrorCount => Findings.Count(f => f.IsError);

    public int WarningCount => Findings.Count(f => !f.IsError);
}

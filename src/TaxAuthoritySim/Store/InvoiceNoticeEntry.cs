namespace ConformanceKit.TaxAuthoritySim.Store;

/// <summary>
/// One accepted entry of a Form 04/SS-HĐĐT (303, DSHDon/HDon): the authority took the seller's notice about
/// this invoice (TTTNCCQT 1 in the 301). An accepted cancel makes the invoice cancelled.
/// </summary>
public sealed record InvoiceNoticeEntry
{
    /// <summary>MCCQT of the invoice concerned.</summary>
    public required string Code { get; init; }

    /// <summary>The seller's MST.</summary>
    public required string TaxCode { get; init; }

    /// <summary>MTDiep of the 303.</summary>
    public required string MessageId { get; init; }

    /// <summary>STT of the HDon in the 303.</summary>
    public required int Index { get; init; }

    /// <summary>TCTBao: 1 cancel, 2 adjust, 3 replace, 4 explain.</summary>
    public required int Action { get; init; }

    /// <summary>LDo: the seller's reason.</summary>
    public string? Reason { get; init; }

    /// <summary>When the 301 accepted it (simulated).</summary>
    public required DateTimeOffset AcceptedAt { get; init; }

    public const int Cancel = 1;
    public const int Adjust = 2;
    public const int Replace = 3;
    public const int Explain = 4;
}

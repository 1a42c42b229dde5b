using System.Globalization;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>
/// What a register of invoices keeps of one HDon, read in the validation pass itself (no second read of
/// the package). Empty elements are absent (null); values that do not parse are null too — a valid
/// package has none.
/// </summary>
public sealed record InvoiceSummary
{
    /// <summary>1-based position in the package.</summary>
    public required int Index { get; init; }

    /// <summary>MCCQT.</summary>
    public string? Code { get; init; }

    /// <summary>KHMSHDon, KHHDon, SHDon, NLap, DVTTe.</summary>
    public string? FormNumber { get; init; }
    public string? Series { get; init; }
    public string? Number { get; init; }
    public DateOnly? IssueDate { get; init; }
    public string? Currency { get; init; }

    /// <summary>NBan/Ten, NBan/MST.</summary>
    public string? SellerName { get; init; }
    public string? SellerTaxCode { get; init; }

    /// <summary>NMua/Ten (or HVTNMHang), NMua/MST.</summary>
    public string? BuyerName { get; init; }
    public string? BuyerTaxCode { get; init; }

    /// <summary>TToan: TgTCThue, TgTThue, TgTTTBSo.</summary>
    public decimal? TotalBeforeTax { get; init; }
    public decimal? TotalTax { get; init; }
    public decimal? TotalPayable { get; init; }

    /// <summary>TTHDLQuan: TCHDon (1 replacement, 2 adjustment), KHMSHDCLQuan, KHHDCLQuan, SHDCLQuan, NLHDCLQuan.</summary>
    public int? RelationKind { get; init; }
    public string? RelatedForm { get; init; }
    public string? RelatedSeries { get; init; }
    public string? RelatedNumber { get; init; }
    public DateOnly? RelatedIssuedOn { get; init; }
}

internal static class InvoiceSummaries
{
    public static InvoiceSummary From(InvoiceFacts f) => new()
    {
        Index = f.Index,
        Code = f.Code?.Value,
        FormNumber = Text(f.General, "KHMSHDon"),
        Series = Text(f.General, "KHHDon"),
        Number = Text(f.General, "SHDon"),
        IssueDate = Date(f.General, "NLap"),
        Currency = Text(f.General, "DVTTe"),
        SellerName = Text(f.Seller, "Ten"),
        SellerTaxCode = f.SellerTaxCode?.Value,
        BuyerName = Text(f.Buyer, "Ten") ?? Text(f.Buyer, "HVTNMHang"),
        BuyerTaxCode = f.BuyerTaxCode?.Value,
        TotalBeforeTax = Number(f.Totals, "TgTCThue"),
        TotalTax = Number(f.Totals, "TgTThue"),
        TotalPayable = Number(f.Totals, "TgTTTBSo"),
        RelationKind = int.TryParse(Text(f.Related, "TCHDon"), NumberStyles.None, CultureInfo.InvariantCulture, out var kind) ? kind : null,
        RelatedForm = Text(f.Related, "KHMSHDCLQuan"),
        RelatedSeries = Text(f.Related, "KHHDCLQuan"),
        RelatedNumber = Text(f.Related, "SHDCLQuan"),
        RelatedIssuedOn = Date(f.Related, "NLHDCLQuan"),
    };

    // Capture keeps no empty leaf, so a present value is non-empty.
    private static string? Text(Dictionary<string, Leaf> leaves, string name) => leaves.GetValueOrDefault(name)?.Value;

    private static decimal? Number(Dictionary<string, Leaf> leaves, string name) =>
        Text(leaves, name) is { } s && WireFormat.TryParseDecimal(s, out var v) ? v : null;

    private static DateOnly? Date(Dictionary<string, Leaf> leaves, string name) =>
        Text(leaves, name) is { } s && WireFormat.TryParseDate(s, out var v) ? v : null;
}

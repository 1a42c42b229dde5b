using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Provider.Pos;

/// <summary>The totals of a sale, in whole đồng, as they go on the invoice.</summary>
/// <param name="LineAmounts">ThTien of each goods line, in the order of <see cref="Sale.Lines"/>.</param>
/// <param name="Rates">THTTLTSuat — per rate, after the trade discount (empty on a sales invoice).</param>
/// <param name="TotalBeforeTax">TgTCThue — the goods lines' amounts, before the trade discount.</param>
/// <param name="TotalTax">TgTThue.</param>
/// <param name="TradeDiscount">TTCKTMai.</param>
/// <param name="TotalPayable">TgTTTBSo = TgTCThue − TTCKTMai + TgTThue.</param>
/// <param name="TotalPayableInWords">TgTTTBChu.</param>
public sealed record SaleTotals(
    IReadOnlyList<decimal> LineAmounts,
    IReadOnlyList<RateTotalLine> Rates,
    decimal TotalBeforeTax,
    decimal TotalTax,
    decimal TradeDiscount,
    decimal TotalPayable,
    string TotalPayableInWords);

/// <summary>One LTSuat: the amount taxed at a rate and its tax (null for KCT and KKKNT).</summary>
public sealed record RateTotalLine(VatRate Rate, decimal Amount, decimal? Tax);

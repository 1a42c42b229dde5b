namespace ConformanceKit.Provider.Pos;

/// <summary>
/// Goods given away (hàng khuyến mại, TChat 2): listed on the invoice with no amount and no tax.
/// </summary>
public sealed record PromotionLine(string Name, string Unit, decimal Quantity);

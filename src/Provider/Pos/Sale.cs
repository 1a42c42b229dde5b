namespace ConformanceKit.Provider.Pos;

/// <summary>What the cashier rang up: the input of <see cref="CashRegister.Issue"/>.</summary>
public sealed record Sale
{
    public required IReadOnlyList<SaleLine> Lines { get; init; }

    public Buyer? Buyer { get; init; }

    public TradeDiscount? Discount { get; init; }

    public IReadOnlyList<PromotionLine> Promotions { get; init; } = [];

    /// <summary>HTTToan — free text.</summary>
    public string PaymentMethod { get; init; } = "TM/CK";
}

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

    /// <summary>
    /// TTHDLQuan: the invoice this sale's invoice replaces or adjusts (set by the provider's replace and adjust routes,
    /// never by a POS); stored with the sale so the invoice is rebuilt with it.
    /// </summary>
    public RelatedSale? Related { get; init; }
}

/// <summary>The invoice a replacement (<paramref name="Kind"/> 1) or an adjustment (2) refers to.</summary>
/// <param name="Decrease">An adjustment that lowers the amounts: the invoice's amounts and totals are written negative.</param>
/// <param name="Reason">A replacement's reason, for the 303 about the original (kept with the sale so a restart can still send it; not in the 206).</param>
public sealed record RelatedSale(int Kind, string Code, int Form, string Series, string Number, DateOnly IssueDate, string? Note = null,
    bool Decrease = false, string? Reason = null);

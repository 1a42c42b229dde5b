using System.Text.Json.Serialization;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Api;

/// <summary>
/// The body of <c>POST /api/v1/sales</c>: a sale as <see cref="SaleJson"/> writes it, plus the POS's
/// own id of the sale (send one: a retry with the same id never issues a second invoice) and the
/// register it was rung up on.
/// </summary>
public sealed record SaleRequest
{
    public string? SaleId { get; init; }

    public string? RegisterId { get; init; }

    public IReadOnlyList<SaleLine>? Lines { get; init; }

    public Buyer? Buyer { get; init; }

    public TradeDiscount? Discount { get; init; }

    public IReadOnlyList<PromotionLine>? Promotions { get; init; }

    public string? PaymentMethod { get; init; }

    [JsonIgnore]
    public bool HasLines => Lines is { Count: > 0 };

    public Sale ToSale() => new()
    {
        Lines = Lines ?? [], Buyer = Buyer, Discount = Discount, Promotions = Promotions ?? [],
        PaymentMethod = string.IsNullOrWhiteSpace(PaymentMethod) ? "TM/CK" : PaymentMethod,
    };
}

/// <summary>What the POS gets back: the invoice's code and the data a buyer needs to look it up, and where it is.</summary>
/// <param name="Replaces">The invoice this one replaces (TTHDLQuan TCHDon 1).</param>
/// <param name="ReplacedBy">The invoice that replaces this one.</param>
/// <param name="Notices">The 303 entries about this invoice (cancel, replace) and the 301's verdict on each.</param>
/// <param name="Adjusts">The invoice this one adjusts (TTHDLQuan TCHDon 2).</param>
/// <param name="AdjustedBy">The invoices that adjust this one.</param>
public sealed record SaleResponse(
    string SaleId, string Code, string TaxCode, int Form, string Series, string Number, DateTimeOffset IssuedAt,
    decimal TotalPayable, string TotalPayableInWords, string State, string? Package, string? Codes, string? Detail,
    string LookupUrl, string? Replaces = null, string? ReplacedBy = null, IReadOnlyList<NoticeView>? Notices = null,
    string? Adjusts = null, IReadOnlyList<string>? AdjustedBy = null);

/// <summary>One 303 entry about an invoice: the 303's MTDiep and state, TCTBao, the reason, and the 301's verdict (null until it came).</summary>
public sealed record NoticeView(string MessageId, string State, string Action, string Reason, bool? Accepted, string? Codes, string? Detail);

/// <summary>The body of the cancel route: the reason (LDo) the 303 carries.</summary>
public sealed record CancelRequest(string? Reason);

/// <summary>
/// The body of the replace route (the sale of the replacement invoice and the reason, LDo, of the 303) and of the adjust
/// route (the lines of the increase or the decrease, <see cref="Direction"/>, and optionally the POS's own id of it).
/// </summary>
public sealed record ReplaceRequest
{
    public string? Reason { get; init; }

    /// <summary>Adjust only: "increase" (default) or "decrease".</summary>
    public string? Direction { get; init; }

    /// <summary>The POS's id of the adjustment or replacement; a retry with it returns the first one (200) and issues nothing.</summary>
    public string? SaleId { get; init; }

    public IReadOnlyList<SaleLine>? Lines { get; init; }

    public Buyer? Buyer { get; init; }

    public TradeDiscount? Discount { get; init; }

    public IReadOnlyList<PromotionLine>? Promotions { get; init; }

    public string? PaymentMethod { get; init; }

    public Sale ToSale() => new()
    {
        Lines = Lines ?? [], Buyer = Buyer, Discount = Discount, Promotions = Promotions ?? [],
        PaymentMethod = string.IsNullOrWhiteSpace(PaymentMethod) ? "TM/CK" : PaymentMethod,
    };
}

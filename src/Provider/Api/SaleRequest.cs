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
public sealed record SaleResponse(
    string SaleId, string Code, string TaxCode, int Form, string Series, string Number, DateTimeOffset IssuedAt,
    decimal TotalPayable, string TotalPayableInWords, string State, string? Package, string? Codes, string? Detail,
    string LookupUrl);

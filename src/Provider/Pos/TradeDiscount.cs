using System.Text.Json.Serialization;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// An invoice-level trade discount (chiết khấu thương mại, TChat 3) on the goods at one VAT rate:
/// it lowers the taxable amount at that rate and is reported as TTCKTMai.
/// </summary>
public sealed record TradeDiscount(
    string Name,
    decimal Amount,
    [property: JsonConverter(typeof(VatRateJsonConverter))] VatRate Rate);

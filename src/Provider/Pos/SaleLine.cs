using System.Text.Json.Serialization;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// One line of goods or services rung up (TChat 1): amount = quantity × unit price − discount,
/// rounded to whole đồng.
/// </summary>
/// <param name="Name">THHDVu.</param>
/// <param name="Unit">DVTinh.</param>
/// <param name="Quantity">SLuong; up to 6 decimals.</param>
/// <param name="UnitPrice">DGia, in đồng.</param>
/// <param name="Rate">TSuat: 0 %, 5 %, 8 %, 10 %, KCT or KKKNT (ignored on a sales invoice, form 2).</param>
/// <param name="Discount">STCKhau: the line discount in đồng, 0 when none.</param>
/// <param name="ItemCode">MHHDVu, optional.</param>
public sealed record SaleLine(
    string Name,
    string Unit,
    decimal Quantity,
    decimal UnitPrice,
    [property: JsonConverter(typeof(VatRateJsonConverter))] VatRate Rate,
    decimal Discount = 0m,
    string? ItemCode = null);

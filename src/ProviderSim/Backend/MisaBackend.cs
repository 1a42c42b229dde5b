using System.Globalization;
using System.Net;
using System.Text.Json;
using ConformanceKit.Provider.Pos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// MISA meInvoice's integration API shape (profiles/misa-meinvoice/README.md: an unofficial reconstruction from public
/// client code): the envelope <c>{Success, ErrorCode, DescriptionErrorCode, Errors, Data}</c> with list results as a JSON
/// string, publishing InvoiceData (RefID, OriginalInvoiceDetail, TaxRateInfo) with SignType 5 for cash-register invoices,
/// status by TransactionID or RefID, download.
/// </summary>
public sealed class MisaBackend : IProfileBackend
{
    public string Name => "misa-meinvoice";

    public JudgeSpec Judge { get; } = new(
        (method, path) => method == "POST" && path == "/api/integration/auth/token",
        (method, path, _) => method == "POST" && path == "/api/integration/invoice",
        JudgeSpec.Json(body => BackendContext.Child(body, "InvoiceData") is { ValueKind: JsonValueKind.Array } data && data.GetArrayLength() > 0
                && BackendContext.Text(data[0], "RefID") is { Length: > 0 } id ? id : null),
        (status, body) =>
        {
            if (status != 200) return false;
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (BackendContext.Text(doc.RootElement, "PublishInvoiceResult") is not { } result) return false;
                using var rows = JsonDocument.Parse(result);
                return rows.RootElement.ValueKind == JsonValueKind.Array && rows.RootElement.GetArrayLength() > 0
                       && rows.RootElement.EnumerateArray().All(r => BackendContext.Text(r, "ErrorCode") is null);
            }
            catch (JsonException)
            {
                return false;
            }
        }) { Content = JsonJudgeRules.Misa, ContentRules = JsonJudgeRules.Rules };

    /// <summary>MISA's names as they are (PascalCase), not ASP.NET's camelCase.</summary>
    private static readonly JsonSerializerOptions AsIs = new() { PropertyNamingPolicy = null, DictionaryKeyPolicy = null };

    /// <summary>The lists MISA nests as JSON strings: Vietnamese as it is, not \u-escaped.</summary>
    private static readonly JsonSerializerOptions Inner = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Map(IEndpointRouteBuilder app, BackendContext context)
    {
        app.MapPost("/api/integration/invoice", (HttpRequest request, CancellationToken ct) => PublishAsync(context, request, ct));
        app.MapPost("/api/integration/invoice/status", (HttpRequest request, int? inputType, CancellationToken ct) =>
            StatusAsync(context, request, inputType ?? 1, ct));
        app.MapPost("/api/integration/invoice/download", (HttpRequest request, string? downloadDataType, CancellationToken ct) =>
            DownloadAsync(context, request, downloadDataType ?? "pdf", ct));
        app.MapPost("/api/integration/invoice/deleted", (HttpRequest request, CancellationToken ct) => DeleteAsync(context, request, ct));
    }

    public static IResult Error(string code, string description, int status = 200) => Results.Json(new
    {
        Success = false, ErrorCode = code, DescriptionErrorCode = description, Errors = new[] { description }, Data = (string?)null,
        CustomData = (string?)null,
    }, AsIs, statusCode: status);

    private static IResult Ok(object data, string? field = null)
    {
        var text = JsonSerializer.Serialize(data, Inner);
        return field is null
            ? Results.Json(new { Success = true, ErrorCode = (string?)null, DescriptionErrorCode = (string?)null, Errors = Array.Empty<string>(), Data = text, CustomData = (string?)null }, AsIs)
            : Results.Json(new Dictionary<string, object?>
            {
                ["Success"] = true, ["ErrorCode"] = null, ["DescriptionErrorCode"] = null, ["Errors"] = Array.Empty<string>(), ["Data"] = null,
                ["CustomData"] = null, [field] = text,
            }, AsIs);
    }

    private static async Task<IResult> PublishAsync(BackendContext context, HttpRequest request, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return Error("InvalidParameter", "Dữ liệu JSON không hợp lệ: " + e.Message, 400);
        }
        if (BackendContext.Number(body, "SignType") != 5)
            return Error("InvalidSignType", "SignType phải là 5 (hóa đơn khởi tạo từ máy tính tiền) với dải ký hiệu máy tính tiền");
        var data = BackendContext.Child(body, "InvoiceData");
        if (data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0) return Error("InvalidParameter", "InvoiceData phải có ít nhất một hóa đơn");
        var results = new List<object>();
        foreach (var invoice in data.EnumerateArray()) results.Add(await PublishOneAsync(context, invoice, ct));
        return Ok(results, "PublishInvoiceResult");
    }

    private static object Failed(string? refId, string code, string description) =>
        new { RefID = refId, TransactionID = (string?)null, InvSeries = (string?)null, InvNo = (string?)null, InvCode = (string?)null, ErrorCode = code, DescriptionErrorCode = description };

    private static async Task<object> PublishOneAsync(BackendContext context, JsonElement invoice, CancellationToken ct)
    {
        var refId = BackendContext.Text(invoice, "RefID");
        if (string.IsNullOrWhiteSpace(refId)) return Failed(refId, "RequireInfo_RefID", "RefID không được để trống");
        if (string.IsNullOrWhiteSpace(BackendContext.Text(invoice, "InvSeries"))) return Failed(refId, "InvalidInvSeries", "InvSeries không được để trống");
        var details = BackendContext.Child(invoice, "OriginalInvoiceDetail");
        if (details.ValueKind != JsonValueKind.Array || details.GetArrayLength() == 0)
            return Failed(refId, "RequireInfo_OriginalInvoiceDetail", "OriginalInvoiceDetail phải có ít nhất một dòng");
        var lines = new List<SaleLine>();
        var i = 0;
        foreach (var d in details.EnumerateArray())
        {
            var type = BackendContext.Number(d, "ItemType") ?? 1;
            if (type == 4) { i++; continue; } // a note line
            if (type != 1) return Failed(refId, "InvalidParameter", $"OriginalInvoiceDetail[{i}].ItemType {type}: the simulator takes goods (1) and notes (4) only");
            var rate = BackendContext.Rate(BackendContext.Text(d, "VATRateName"));
            if (rate is null) return Failed(refId, "InvalidVatPercentage", $"OriginalInvoiceDetail[{i}].VATRateName '{BackendContext.Text(d, "VATRateName")}' không hợp lệ");
            lines.Add(new SaleLine(BackendContext.Text(d, "ItemName") ?? "", BackendContext.Text(d, "UnitName") ?? "",
                BackendContext.Number(d, "Quantity") ?? 0m, BackendContext.Number(d, "UnitPrice") ?? 0m, rate.Value,
                BackendContext.Number(d, "DiscountAmountOC") ?? 0m, BackendContext.Text(d, "ItemCode") is { Length: > 0 } c ? c : null));
            i++;
        }
        string? Field(string name) => BackendContext.Text(invoice, name) is { Length: > 0 } s ? s : null;
        var buyer = new Buyer(Field("BuyerLegalName") ?? Field("BuyerFullName"), Field("BuyerAddress"), Field("BuyerTaxCode"), Field("BuyerIDNumber"), Field("BuyerPhoneNumber"));
        var sale = new Sale
        {
            Lines = lines, Buyer = buyer is { Name: null, Address: null, TaxCode: null, PersonalId: null, Phone: null } ? null : buyer,
            PaymentMethod = Field("PaymentMethodName") ?? "TM/CK",
        };
        var (violation, totals) = BackendContext.Check(sale);
        if (violation is not null) return Failed(refId, "InvalidInvoiceData", $"{Path(violation.Path)}: {violation.Message}");
        if (BackendContext.Number(invoice, "TotalAmountOC") is { } claimed && claimed != totals!.TotalPayable)
            return Failed(refId, "InvalidTotalAmount", $"TotalAmountOC {claimed} khác tổng tiền tính được {totals.TotalPayable}");
        if (BackendContext.Number(invoice, "TotalVATAmountOC") is { } claimedTax && claimedTax != totals!.TotalTax)
            return Failed(refId, "InvalidTotalVATAmount", $"TotalVATAmountOC {claimedTax} khác tiền thuế tính được {totals.TotalTax}");

        var saleId = "misa:" + refId;
        var answer = await context.Provider.SellAsync(new
        {
            saleId, lines = sale.Lines.Select(l => new { name = l.Name, unit = l.Unit, quantity = l.Quantity, unitPrice = l.UnitPrice, rate = l.Rate.Value, discount = l.Discount, itemCode = l.ItemCode }),
            buyer = sale.Buyer, paymentMethod = sale.PaymentMethod,
        }, ct);
        if (!answer.Ok)
            return answer.Status == HttpStatusCode.BadRequest
                ? Failed(refId, "InvalidInvoiceData", $"{Path(answer.Text("field"))}: {answer.Text("detail")}")
                : Failed(refId, "UnExpectedError", $"{(int)answer.Status}: {answer.Text("detail")}");
        var code = answer.Text("code");
        var transactionId = BackendContext.ProviderId(code);
        context.Index.Record(new TransactionIndex.Entry(refId, saleId, code, answer.Text("number"), DateTimeOffset.Parse(answer.Text("issuedAt"), CultureInfo.InvariantCulture)));
        return new
        {
            RefID = refId, TransactionID = transactionId, InvSeries = answer.Text("series"), InvNo = answer.Text("number"), InvCode = code,
            InvDate = answer.Text("issuedAt"), TotalAmount = answer.Number("totalPayable"), ErrorCode = (string?)null, DescriptionErrorCode = (string?)null,
        };
    }

    /// <summary>A path of the reference's sale (lines[2].name) in MISA's names (OriginalInvoiceDetail[2].ItemName).</summary>
    private static string Path(string path) => BackendContext.Rename(path, "OriginalInvoiceDetail", new Dictionary<string, string>
    {
        ["name"] = "ItemName", ["unit"] = "UnitName", ["quantity"] = "Quantity", ["unitPrice"] = "UnitPrice", ["rate"] = "VATRateName",
        ["discount"] = "DiscountAmountOC", ["itemCode"] = "ItemCode",
    }, new Dictionary<string, string>
    {
        ["buyer.name"] = "BuyerLegalName", ["buyer.taxCode"] = "BuyerTaxCode", ["buyer.address"] = "BuyerAddress",
        ["buyer.personalId"] = "BuyerIDNumber", ["buyer.phone"] = "BuyerPhoneNumber", ["paymentMethod"] = "PaymentMethodName",
    });

    private static async Task<List<string>?> IdsAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
            return body.ValueKind == JsonValueKind.Array ? body.EnumerateArray().Select(e => e.ToString()).ToList() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>inputType 1: the body lists TransactionIDs; 2: RefIDs.</summary>
    private static TransactionIndex.Entry? Find(BackendContext context, string id, int inputType) =>
        inputType == 2 ? context.Index.ByTransaction(id) : context.Index.ByCode(CodeOf(context, id));

    private static string CodeOf(BackendContext context, string transactionId) =>
        context.Index.Between(DateOnly.MinValue, DateOnly.MaxValue).FirstOrDefault(e => BackendContext.ProviderId(e.Code) == transactionId)?.Code ?? "";

    private static async Task<IResult> StatusAsync(BackendContext context, HttpRequest request, int inputType, CancellationToken ct)
    {
        if (await IdsAsync(request, ct) is not { } ids) return Error("InvalidParameter", "Body phải là danh sách TransactionID (inputType=1) hoặc RefID (inputType=2)", 400);
        var rows = new List<object>();
        foreach (var id in ids)
        {
            if (Find(context, id, inputType) is not { } entry)
            {
                // after a restart the index is empty, but a RefID still finds its invoice in the reference provider
                if (inputType != 2) continue;
                var again = await context.Provider.SaleAsync("misa:" + id, ct);
                if (!again.Ok) continue;
                entry = context.Index.Record(new TransactionIndex.Entry(id, "misa:" + id, again.Text("code"), again.Text("number"),
                    DateTimeOffset.Parse(again.Text("issuedAt"), CultureInfo.InvariantCulture)));
            }
            var answer = await context.Provider.SaleAsync(entry.SaleId, ct);
            if (!answer.Ok) continue;
            var state = answer.Text("state");
            rows.Add(new
            {
                RefID = entry.TransactionId, TransactionID = BackendContext.ProviderId(entry.Code), InvSeries = answer.Text("series"),
                InvNo = answer.Text("number"), InvCode = entry.Code, InvDate = answer.Text("issuedAt"), TotalAmount = answer.Number("totalPayable"),
                TotalAmountInWords = answer.Text("totalPayableInWords"), PublishStatus = 1,
                SendTaxStatus = state switch { "issued" => 0, "packaged" => 1, "accepted" => 2, "rejected" => 3, "cancelling" => 5, "cancelled" => 6, _ => 4 },
                SendTaxStatusName = ViettelBackend.Describe(state), IsDelete = state is "cancelled" or "cancelling",
                DeletedReason = state is "cancelled" or "cancelling" ? entry.CancelReason : null,
            });
        }
        return Ok(rows);
    }

    private static async Task<IResult> DownloadAsync(BackendContext context, HttpRequest request, string type, CancellationToken ct)
    {
        if (!type.Equals("pdf", StringComparison.OrdinalIgnoreCase)) return Error("InvalidParameter", $"downloadDataType {type}: the simulator renders pdf only", 400);
        if (await IdsAsync(request, ct) is not { } ids) return Error("InvalidParameter", "Body phải là danh sách TransactionID", 400);
        var files = new List<object>();
        foreach (var id in ids)
        {
            if (Find(context, id, 1) is not { } entry) continue;
            var answer = await context.Provider.SaleAsync(entry.SaleId, ct);
            if (answer.Ok) files.Add(new { TransactionID = id, Data = Convert.ToBase64String(BackendContext.Pdf("MISA meInvoice", answer, id, entry.CancelledAt is not null)) });
        }
        return Ok(files);
    }

    /// <summary>Cancellation (xóa bỏ) by TransactionID with the minutes' details: the reference provider's real cancel, a signed 303 (TCTBao 1) the authority's 301 settles.</summary>
    private static async Task<IResult> DeleteAsync(BackendContext context, HttpRequest request, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return Error("InvalidParameter", "Dữ liệu JSON không hợp lệ: " + e.Message, 400);
        }
        var transactionId = BackendContext.Text(body, "TransactionID");
        if (string.IsNullOrWhiteSpace(transactionId)) return Error("RequireInfo_TransactionID", "TransactionID không được để trống");
        if (string.IsNullOrWhiteSpace(BackendContext.Text(body, "DeletedReason"))) return Error("RequireInfo_DeletedReason", "DeletedReason không được để trống");
        if (Find(context, transactionId, 1) is not { } entry) return Error("InvalidTransactionID", "Mã tra cứu hóa đơn không đúng");
        var reason = BackendContext.Text(body, "DeletedReason")!;
        var answer = await context.Provider.CancelAsync(entry.Code, reason, ct);
        if (answer.Ok)
        {
            entry.CancelledAt ??= DateTimeOffset.UtcNow;
            entry.CancelReason ??= reason;
            return Ok(new { TransactionID = transactionId, RefID = entry.TransactionId });
        }
        if (answer.Status != HttpStatusCode.Conflict)
            return Error(answer.Status == HttpStatusCode.NotFound ? "InvalidTransactionID" : "UnExpectedError", $"{(int)answer.Status}: {answer.Text("detail")}");
        var now = await context.Provider.SaleAsync(entry.SaleId, ct);
        return now.Text("state") is "cancelled" or "cancelling"
            ? Error("InvoiceDeleted", "Hóa đơn đã bị xóa bỏ")
            : Error("InvoiceCannotBeDeleted", "Không thể xóa bỏ hóa đơn: " + answer.Text("detail"));
    }
}

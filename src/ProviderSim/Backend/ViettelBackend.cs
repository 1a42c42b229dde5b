using System.Globalization;
using System.Net;
using System.Text.Json;
using ConformanceKit.Provider.Pos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// Viettel SInvoice's invoice API shape (profiles/viettel-sinvoice/README.md: an unofficial reconstruction from public
/// client code): the envelope <c>{errorCode, description, result}</c>, createInvoice from generalInvoiceInfo / buyerInfo /
/// itemInfo / summarizeInfo, search by transactionUuid, list by date, the representation file, cancelTransactionInvoice.
/// </summary>
public sealed class ViettelBackend : IProfileBackend
{
    private const string Ws = "/services/einvoiceapplication/api/InvoiceAPI/InvoiceWS";
    private const string Utils = "/services/einvoiceapplication/api/InvoiceAPI/InvoiceUtilsWS";

    public string Name => "viettel-sinvoice";

    public JudgeSpec Judge { get; } = new(
        (method, path) => method == "POST" && path == "/auth/login",
        (method, path, _) => method == "POST" && path.StartsWith(Ws + "/createInvoice/", StringComparison.Ordinal),
        JudgeSpec.Json(body => BackendContext.Text(BackendContext.Child(body, "generalInvoiceInfo"), "transactionUuid") is { Length: > 0 } id ? id : null),
        (status, body) =>
        {
            if (status != 200) return false;
            try
            {
                using var doc = JsonDocument.Parse(body);
                return BackendContext.Child(doc.RootElement, "result").ValueKind == JsonValueKind.Object
                       && BackendContext.Text(doc.RootElement, "errorCode") is null;
            }
            catch (JsonException)
            {
                return false;
            }
        }) { Content = JsonJudgeRules.Viettel, ContentRules = JsonJudgeRules.Rules };

    public void Map(IEndpointRouteBuilder app, BackendContext context)
    {
        app.MapPost(Ws + "/createInvoice/{supplierTaxCode}", (string supplierTaxCode, HttpRequest request, CancellationToken ct) =>
            CreateAsync(context, supplierTaxCode, request, ct));
        app.MapPost(Ws + "/searchInvoiceByTransactionUuid", (HttpRequest request, CancellationToken ct) => SearchAsync(context, request, ct));
        app.MapPost(Utils + "/getListInvoiceDataControl", (HttpRequest request, CancellationToken ct) => ListAsync(context, request, ct));
        app.MapPost(Utils + "/getInvoiceRepresentationFile", (HttpRequest request, CancellationToken ct) => FileAsync(context, request, ct));
        app.MapPost(Ws + "/cancelTransactionInvoice", (HttpRequest request, CancellationToken ct) => CancelAsync(context, request, ct));
    }

    /// <summary>Viettel's error envelope; the HTTP status is 400 for a refused request, 404 for an unknown invoice, 500 for the provider's own failure.</summary>
    public static IResult Error(string code, string description, int status = 400) =>
        Results.Json(new { errorCode = code, description, result = (object?)null }, statusCode: status);

    public static IResult Ok(object? result) => Results.Json(new { errorCode = (string?)null, description = (string?)null, result });

    private static async Task<IResult> CreateAsync(BackendContext context, string supplierTaxCode, HttpRequest request, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return Error("BAD_REQUEST", "Dữ liệu JSON không hợp lệ: " + e.Message);
        }
        if (supplierTaxCode != context.SellerTaxCode)
            return Error("SUPPLIER_TAX_CODE_INVALID", $"Mã số thuế người bán {supplierTaxCode} không thuộc tài khoản ({context.SellerTaxCode})");
        var general = BackendContext.Child(body, "generalInvoiceInfo");
        if (general.ValueKind != JsonValueKind.Object) return Error("BAD_REQUEST", "Thiếu generalInvoiceInfo");
        foreach (var field in new[] { "templateCode", "invoiceSeries", "currencyCode" })
            if (string.IsNullOrWhiteSpace(BackendContext.Text(general, field)))
                return Error("BAD_REQUEST", $"generalInvoiceInfo.{field} không được để trống");
        if (BackendContext.Text(general, "currencyCode") != "VND")
            return Error("BAD_REQUEST", "generalInvoiceInfo.currencyCode: the simulator issues VND invoices only");
        var transactionUuid = BackendContext.Text(general, "transactionUuid");
        if (string.IsNullOrWhiteSpace(transactionUuid)) transactionUuid = Guid.NewGuid().ToString(); // not idempotent: the POS sent none

        var adjustmentType = BackendContext.Text(general, "adjustmentType") is { Length: > 0 } at ? at : "1";
        if (adjustmentType is not ("1" or "3" or "5"))
            return Error("BAD_REQUEST", $"generalInvoiceInfo.adjustmentType {adjustmentType}: 1 (gốc), 3 (thay thế) hoặc 5 (điều chỉnh)");
        var increases = new List<bool>();

        var items = BackendContext.Child(body, "itemInfo");
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0) return Error("BAD_REQUEST", "itemInfo phải có ít nhất một dòng");
        var lines = new List<SaleLine>();
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var selection = BackendContext.Number(item, "selection") ?? 1;
            if (selection == 2) { i++; continue; } // a note line: no goods, nothing to invoice
            if (selection != 1)
                return Error("BAD_REQUEST", $"itemInfo[{i}].selection {selection}: the simulator takes goods (1) and notes (2) only");
            var tax = BackendContext.Number(item, "taxPercentage");
            var rate = tax switch
            {
                -1m => BackendContext.Rate("KCT"),
                -2m => BackendContext.Rate("KKKNT"),
                { } p => BackendContext.Rate(p.ToString("0.##", CultureInfo.InvariantCulture) + "%"),
                null => null,
            };
            if (rate is null) return Error("BAD_REQUEST", $"itemInfo[{i}].taxPercentage '{BackendContext.Text(item, "taxPercentage")}' không hợp lệ (0, 5, 8, 10, -1 KCT, -2 KKKNT)");
            increases.Add(BackendContext.Text(item, "isIncreaseItem") is not { } inc || !inc.Equals("false", StringComparison.OrdinalIgnoreCase));
            var unitPrice = BackendContext.Number(item, "unitPrice") ?? 0m;
            if (adjustmentType == "5") unitPrice = Math.Abs(unitPrice); // some clients write a decrease's price negative, isIncreaseItem says which
            lines.Add(new SaleLine(BackendContext.Text(item, "itemName") ?? "", BackendContext.Text(item, "unitName") ?? "",
                BackendContext.Number(item, "quantity") ?? 0m, unitPrice, rate.Value,
                BackendContext.Number(item, "itemDiscount") ?? 0m, BackendContext.Text(item, "itemCode")));
            i++;
        }
        var buyerInfo = BackendContext.Child(body, "buyerInfo");
        var buyerName = BackendContext.Text(buyerInfo, "buyerLegalName") is { Length: > 0 } legal ? legal : BackendContext.Text(buyerInfo, "buyerName");
        var buyer = buyerInfo.ValueKind == JsonValueKind.Object
            ? new Buyer(NullIfEmpty(buyerName), NullIfEmpty(BackendContext.Text(buyerInfo, "buyerAddressLine")),
                NullIfEmpty(BackendContext.Text(buyerInfo, "buyerTaxCode")), NullIfEmpty(BackendContext.Text(buyerInfo, "buyerIdNo")),
                NullIfEmpty(BackendContext.Text(buyerInfo, "buyerPhoneNumber")))
            : null;
        if (buyer is { Name: null, Address: null, TaxCode: null, PersonalId: null, Phone: null }) buyer = null;
        var payments = BackendContext.Child(body, "payments");
        var payment = payments.ValueKind == JsonValueKind.Array && payments.GetArrayLength() > 0
            ? BackendContext.Text(payments[0], "paymentMethodName") : null;
        var sale = new Sale { Lines = lines, Buyer = buyer, PaymentMethod = string.IsNullOrWhiteSpace(payment) ? "TM/CK" : payment };

        var (violation, totals) = BackendContext.Check(sale);
        if (violation is not null) return Error("BAD_REQUEST", $"{Path(violation.Path)}: {violation.Message}");
        var summary = BackendContext.Child(body, "summarizeInfo");
        if (BackendContext.Number(summary, "totalAmountWithTax") is { } claimed && Math.Abs(claimed) != totals!.TotalPayable)
            return Error("BAD_REQUEST", $"summarizeInfo.totalAmountWithTax {claimed} khác tổng tiền tính được {totals.TotalPayable}");
        if (BackendContext.Number(summary, "totalTaxAmount") is { } claimedTax && Math.Abs(claimedTax) != totals!.TotalTax)
            return Error("BAD_REQUEST", $"summarizeInfo.totalTaxAmount {claimedTax} khác tổng tiền thuế tính được {totals.TotalTax}");
        if (adjustmentType != "1")
        {
            if (increases.Distinct().Count() > 1)
                return Error("BAD_REQUEST", "itemInfo[].isIncreaseItem: the simulator takes an adjustment that only increases or only decreases");
            return await ViettelCorrections.CreateAsync(context, general, transactionUuid, adjustmentType, sale, decrease: !increases[0], ct);
        }

        var saleId = "viettel:" + transactionUuid;
        var answer = await context.Provider.SellAsync(new
        {
            saleId, lines = Lines(sale), buyer = sale.Buyer, paymentMethod = sale.PaymentMethod,
        }, ct);
        if (!answer.Ok) return Refused(answer);
        var invoiceNo = answer.Text("series") + answer.Text("number");
        var code = answer.Text("code");
        context.Index.Record(new TransactionIndex.Entry(transactionUuid, saleId, code, invoiceNo,
            DateTimeOffset.Parse(answer.Text("issuedAt"), CultureInfo.InvariantCulture)));
        return Ok(new
        {
            supplierTaxCode = context.SellerTaxCode, invoiceNo, transactionID = transactionUuid,
            reservationCode = BackendContext.ProviderId(code), codeOfTax = code,
        });
    }

    /// <summary>A sale's lines as the reference provider's JSON writes them.</summary>
    public static IEnumerable<object> Lines(Sale sale) => sale.Lines.Select(l => new
    {
        name = l.Name, unit = l.Unit, quantity = l.Quantity, unitPrice = l.UnitPrice, rate = l.Rate.Value, discount = l.Discount, itemCode = l.ItemCode,
    });

    /// <summary>The reference provider's refusal in Viettel's envelope.</summary>
    public static IResult Refused(ReferenceProvider.Answer answer) => answer.Status switch
    {
        HttpStatusCode.BadRequest => Error("BAD_REQUEST", $"{Path(answer.Text("field"))}: {answer.Text("detail")}"),
        HttpStatusCode.Conflict => Error("INVOICE_NUMBER_EXHAUSTED", "Dải ký hiệu đã hết số: " + answer.Text("detail")),
        _ => Error("INTERNAL_ERROR", $"{(int)answer.Status}: {answer.Text("detail")}", 500),
    };

    /// <summary>A path of the reference's sale (lines[2].name) in Viettel's names (itemInfo[2].itemName).</summary>
    private static string Path(string path) => BackendContext.Rename(path, "itemInfo", new Dictionary<string, string>
    {
        ["name"] = "itemName", ["unit"] = "unitName", ["quantity"] = "quantity", ["unitPrice"] = "unitPrice", ["rate"] = "taxPercentage",
        ["discount"] = "itemDiscount", ["itemCode"] = "itemCode",
    }, new Dictionary<string, string>
    {
        ["buyer.name"] = "buyerInfo.buyerLegalName", ["buyer.taxCode"] = "buyerInfo.buyerTaxCode", ["buyer.address"] = "buyerInfo.buyerAddressLine",
        ["buyer.personalId"] = "buyerInfo.buyerIdNo", ["buyer.phone"] = "buyerInfo.buyerPhoneNumber", ["paymentMethod"] = "payments[0].paymentMethodName",
    });

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static async Task<IResult> SearchAsync(BackendContext context, HttpRequest request, CancellationToken ct)
    {
        var form = await Form(request, ct);
        var transactionUuid = form.GetValueOrDefault("transactionUuid");
        if (string.IsNullOrWhiteSpace(transactionUuid)) return Error("BAD_REQUEST", "transactionUuid không được để trống");
        if (form.GetValueOrDefault("supplierTaxCode") is { } mst && mst != context.SellerTaxCode)
            return Error("SUPPLIER_TAX_CODE_INVALID", $"Mã số thuế {mst} không thuộc tài khoản");
        var answer = await context.Provider.SaleAsync(context.Index.ByTransaction(transactionUuid)?.SaleId ?? "viettel:" + transactionUuid, ct);
        if (answer.Status == HttpStatusCode.NotFound) return Error("INVOICE_NOT_FOUND", $"Không tìm thấy hóa đơn của giao dịch {transactionUuid}", 404);
        if (!answer.Ok) return Refused(answer);
        return Results.Json(new { transactionUuid, errorCode = (string?)null, description = (string?)null, result = new[] { Row(context, answer, transactionUuid) } });
    }

    private static object Row(BackendContext context, ReferenceProvider.Answer answer, string transactionUuid)
    {
        var code = answer.Text("code");
        var state = answer.Text("state");
        return new
        {
            supplierTaxCode = answer.Text("taxCode"), invoiceNo = answer.Text("series") + answer.Text("number"), transactionUuid,
            reservationCode = BackendContext.ProviderId(code), codeOfTax = code,
            issueDate = DateTimeOffset.Parse(answer.Text("issuedAt"), CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
            status = Status(answer), adjustmentType = answer.Text("replaces") != "" ? "3" : answer.Text("adjusts") != "" ? "5" : "1",
            exchangeStatus = state, exchangeDes = Describe(state),
            totalAmountWithTax = answer.Number("totalPayable"), totalAmountWithTaxInWords = answer.Text("totalPayableInWords"),
        };
    }

    /// <summary>The invoice's standing in its chain (cancelled, replaced, adjusted …), from the reference provider's state and links.</summary>
    public static string Status(ReferenceProvider.Answer answer) => answer.Text("state") switch
    {
        "cancelled" => "Hóa đơn đã hủy",
        "cancelling" => "Hóa đơn đang hủy (chờ CQT)",
        _ when answer.Text("replacedBy") != "" => "Hóa đơn bị thay thế",
        _ when answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("adjustedBy", out var a) && a.ValueKind == JsonValueKind.Array => "Hóa đơn bị điều chỉnh",
        _ when answer.Text("replaces") != "" => "Hóa đơn thay thế",
        _ when answer.Text("adjusts") != "" => "Hóa đơn điều chỉnh",
        _ => "Hóa đơn gốc",
    };

    /// <summary>Where the invoice is on its way to the authority, in the words a shop reads.</summary>
    public static string Describe(string state) => state switch
    {
        "cancelling" => "Đã gửi thông báo hủy (04/SS-HĐĐT), chờ CQT",
        "cancelled" => "CQT đã chấp nhận hủy",
        "issued" => "Đã cấp mã, chờ gửi CQT",
        "packaged" => "Đã đóng gói, đang gửi CQT",
        "accepted" => "CQT đã tiếp nhận",
        "rejected" => "CQT từ chối",
        "held" => "Tạm dừng gửi CQT",
        _ => state,
    };

    private static async Task<IResult> ListAsync(BackendContext context, HttpRequest request, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return Error("BAD_REQUEST", "Dữ liệu JSON không hợp lệ: " + e.Message);
        }
        if (!DateOnly.TryParseExact(BackendContext.Text(body, "fromDate"), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(BackendContext.Text(body, "toDate"), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            return Error("BAD_REQUEST", "fromDate và toDate phải có dạng dd/MM/yyyy");
        if (to < from) return Error("BAD_REQUEST", "fromDate phải trước toDate");
        var rows = new List<object>();
        foreach (var entry in context.Index.Between(from, to))
        {
            var answer = await context.Provider.SaleAsync(entry.SaleId, ct);
            if (answer.Ok) rows.Add(Row(context, answer, entry.TransactionId));
        }
        return Results.Json(new { errorCode = (string?)null, description = (string?)null, totalRows = rows.Count, invoices = rows });
    }

    private static async Task<IResult> FileAsync(BackendContext context, HttpRequest request, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return Error("BAD_REQUEST", "Dữ liệu JSON không hợp lệ: " + e.Message);
        }
        var fileType = (BackendContext.Text(body, "fileType") ?? "PDF").ToUpperInvariant();
        if (fileType != "PDF") return Error("BAD_REQUEST", $"fileType {fileType}: the simulator renders PDF only");
        var invoiceNo = BackendContext.Text(body, "invoiceNo") ?? "";
        var entry = BackendContext.Text(body, "transactionUuid") is { Length: > 0 } t ? context.Index.ByTransaction(t) : context.Index.ByInvoiceNo(invoiceNo);
        if (entry is null) return Error("INVOICE_NOT_FOUND", $"Không tìm thấy hóa đơn {invoiceNo}", 404);
        var answer = await context.Provider.SaleAsync(entry.SaleId, ct);
        if (!answer.Ok) return Refused(answer);
        return Results.Json(new
        {
            errorCode = (string?)null, description = (string?)null, fileName = entry.InvoiceNo + ".pdf",
            fileToBytes = Convert.ToBase64String(BackendContext.Pdf("Viettel SInvoice", answer, entry.TransactionId, entry.CancelledAt is not null)),
            paymentStatus = true,
        });
    }

    /// <summary>cancelTransactionInvoice: the reference provider's real cancel — a signed 303 (TCTBao 1); the authority's 301 settles it.</summary>
    private static async Task<IResult> CancelAsync(BackendContext context, HttpRequest request, CancellationToken ct)
    {
        var form = await Form(request, ct);
        var invoiceNo = form.GetValueOrDefault("invoiceNo");
        if (string.IsNullOrWhiteSpace(invoiceNo)) return Error("BAD_REQUEST", "invoiceNo không được để trống");
        var reason = form.GetValueOrDefault("additionalReferenceDesc");
        if (string.IsNullOrWhiteSpace(reason)) return Error("BAD_REQUEST", "additionalReferenceDesc (lý do / văn bản thỏa thuận hủy) không được để trống");
        var entry = context.Index.ByInvoiceNo(invoiceNo);
        if (entry is null) return Error("INVOICE_NOT_FOUND", $"Không tìm thấy hóa đơn {invoiceNo}", 404);
        var answer = await context.Provider.CancelAsync(entry.Code, reason, ct);
        if (answer.Ok)
        {
            entry.CancelledAt ??= DateTimeOffset.UtcNow;
            entry.CancelReason ??= reason;
            return Ok(null);
        }
        if (answer.Status != HttpStatusCode.Conflict) return answer.Status == HttpStatusCode.NotFound
            ? Error("INVOICE_NOT_FOUND", $"Không tìm thấy hóa đơn {invoiceNo}", 404)
            : Refused(answer);
        var now = await context.Provider.SaleAsync(entry.SaleId, ct);
        return now.Text("state") is "cancelled" or "cancelling"
            ? Error("INVOICE_CANCELLED", $"Hóa đơn {invoiceNo} đã bị hủy trước đó")
            : Error("INVOICE_CANNOT_BE_CANCELLED", $"Không thể hủy hóa đơn {invoiceNo}: {answer.Text("detail")}");
    }

    /// <summary>The fields of a form body, and of the query string (some clients send cancelTransactionInvoice's fields there, some send JSON).</summary>
    private static async Task<Dictionary<string, string>> Form(HttpRequest request, CancellationToken ct)
    {
        var fields = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
            foreach (var f in await request.ReadFormAsync(ct)) fields[f.Key] = f.Value.ToString();
        else if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            try
            {
                var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
                if (body.ValueKind == JsonValueKind.Object)
                    foreach (var p in body.EnumerateObject())
                        if (BackendContext.Text(body, p.Name) is { } v) fields[p.Name] = v;
            }
            catch (JsonException) { /* the required-field checks answer */ }
        return fields;
    }
}

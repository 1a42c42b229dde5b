using System.Globalization;
using System.Net;
using System.Text.Json;
using ConformanceKit.Provider.Pos;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// Viettel's replacement and adjustment invoices: createInvoice with <c>generalInvoiceInfo.adjustmentType</c> 3 (thay thế) or
/// 5 (điều chỉnh), <c>originalInvoiceId</c> (the original's series + number), <c>adjustmentInvoiceType</c> 1 (money) and the
/// reason in <c>additionalReferenceDesc</c> / <c>adjustedNote</c> (profiles/viettel-sinvoice/README.md, its sources). Issued by the
/// reference provider's real replace and adjust (docs/corrections.md): a new code with TTHDLQuan naming the original.
/// </summary>
internal static class ViettelCorrections
{
    public static async Task<IResult> CreateAsync(BackendContext context, JsonElement general, string transactionUuid, string adjustmentType,
        Sale sale, bool decrease, CancellationToken ct)
    {
        if (context.Index.ByTransaction(transactionUuid) is { } earlier) // the same transactionUuid again: the same invoice
        {
            var again = await context.Provider.SaleAsync(earlier.SaleId, ct);
            return again.Ok ? Answer(context, again, transactionUuid) : ViettelBackend.Refused(again);
        }
        var originalNo = BackendContext.Text(general, "originalInvoiceId");
        if (string.IsNullOrWhiteSpace(originalNo))
            return ViettelBackend.Error("BAD_REQUEST", "generalInvoiceInfo.originalInvoiceId không được để trống khi adjustmentType là 3 hoặc 5");
        if (context.Index.ByInvoiceNo(originalNo) is not { } original)
            return ViettelBackend.Error("INVOICE_NOT_FOUND", $"Không tìm thấy hóa đơn gốc {originalNo}", 404);
        var reason = BackendContext.Text(general, "additionalReferenceDesc") is { Length: > 0 } d ? d : BackendContext.Text(general, "adjustedNote");

        ReferenceProvider.Answer answer;
        string property;
        if (adjustmentType == "3")
        {
            if (string.IsNullOrWhiteSpace(reason))
                return ViettelBackend.Error("BAD_REQUEST", "generalInvoiceInfo.additionalReferenceDesc (lý do thay thế) không được để trống");
            answer = await context.Provider.ReplaceAsync(original.Code, new
            {
                reason, lines = ViettelBackend.Lines(sale), buyer = sale.Buyer, paymentMethod = sale.PaymentMethod,
            }, ct);
            property = "replacement";
        }
        else
        {
            var kind = BackendContext.Text(general, "adjustmentInvoiceType") is { Length: > 0 } k ? k : "1";
            if (kind != "1")
                return ViettelBackend.Error("BAD_REQUEST", $"generalInvoiceInfo.adjustmentInvoiceType {kind}: the simulator adjusts amounts (1) only");
            answer = await context.Provider.AdjustAsync(original.Code, new
            {
                direction = decrease ? "decrease" : "increase", saleId = "viettel:" + transactionUuid,
                lines = ViettelBackend.Lines(sale), buyer = sale.Buyer, paymentMethod = sale.PaymentMethod,
            }, ct);
            property = "adjustment";
        }
        if (answer.Status == HttpStatusCode.Conflict)
            return ViettelBackend.Error(adjustmentType == "3" ? "INVOICE_CANNOT_BE_REPLACED" : "INVOICE_CANNOT_BE_ADJUSTED",
                $"Không thể {(adjustmentType == "3" ? "thay thế" : "điều chỉnh")} hóa đơn {originalNo}: {answer.Text("detail")}");
        if (!answer.Ok) return ViettelBackend.Refused(answer);
        var issued = new ReferenceProvider.Answer(answer.Status, answer.Body.GetProperty(property));
        context.Index.Record(new TransactionIndex.Entry(transactionUuid, issued.Text("saleId"), issued.Text("code"),
            issued.Text("series") + issued.Text("number"), DateTimeOffset.Parse(issued.Text("issuedAt"), CultureInfo.InvariantCulture)));
        return Answer(context, issued, transactionUuid);
    }

    private static IResult Answer(BackendContext context, ReferenceProvider.Answer invoice, string transactionUuid)
    {
        var code = invoice.Text("code");
        return ViettelBackend.Ok(new
        {
            supplierTaxCode = context.SellerTaxCode, invoiceNo = invoice.Text("series") + invoice.Text("number"), transactionID = transactionUuid,
            reservationCode = BackendContext.ProviderId(code), codeOfTax = code,
        });
    }
}

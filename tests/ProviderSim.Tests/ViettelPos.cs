using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>A POS's Viettel SInvoice client, written from the public client code the profile cites.</summary>
public sealed class ViettelPos(Uri provider, string taxCode, TimeSpan? timeout = null) : IDisposable
{
    private const string Ws = "services/einvoiceapplication/api/InvoiceAPI/InvoiceWS/";
    private const string Utils = "services/einvoiceapplication/api/InvoiceAPI/InvoiceUtilsWS/";
    private readonly HttpClient _http = new() { BaseAddress = provider, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public string TaxCode => taxCode;

    public async Task<HttpResponseMessage> LoginAsync(string username = "0106324653", string password = "secret")
    {
        var response = await _http.PostAsJsonAsync("auth/login", new { username, password });
        if (response.IsSuccessStatusCode)
        {
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return response;
    }

    public static object Invoice(string transactionUuid, decimal unitPrice = 29000m, int quantity = 2, decimal? claimedTotal = null, string itemName = "Cà phê sữa đá")
    {
        var net = unitPrice * quantity;
        var tax = Math.Round(net * 0.10m, 0, MidpointRounding.AwayFromZero);
        return new
        {
            generalInvoiceInfo = new
            {
                invoiceType = "2", templateCode = "2/001", invoiceSeries = "C25MAA", currencyCode = "VND", adjustmentType = "1",
                paymentStatus = true, cusGetInvoiceRight = true, transactionUuid,
            },
            buyerInfo = new { buyerName = "Khách lẻ" },
            payments = new[] { new { paymentMethodName = "TM/CK" } },
            itemInfo = new[]
            {
                new { lineNumber = 1, selection = 1, itemCode = "CF01", itemName, unitName = "Ly", unitPrice, quantity,
                      itemTotalAmountWithoutTax = net, taxPercentage = 10, taxAmount = tax },
            },
            taxBreakdowns = new[] { new { taxPercentage = 10, taxableAmount = net, taxAmount = tax } },
            summarizeInfo = new
            {
                sumOfTotalLineAmountWithoutTax = net, totalAmountWithoutTax = net, totalTaxAmount = tax,
                totalAmountWithTax = claimedTotal ?? net + tax, totalAmountWithTaxInWords = "",
            },
        };
    }

    /// <summary>
    /// A replacement (adjustmentType 3) or an adjustment (5, adjustmentInvoiceType 1: money) of <paramref name="originalInvoiceId"/>,
    /// as the public clients the profile cites write them; a decrease's lines carry isIncreaseItem false.
    /// </summary>
    public static object Correction(string transactionUuid, string adjustmentType, string originalInvoiceId, string reason,
        decimal unitPrice = 29000m, int quantity = 1, bool decrease = false)
    {
        var net = unitPrice * quantity;
        var tax = Math.Round(net * 0.10m, 0, MidpointRounding.AwayFromZero);
        return new
        {
            generalInvoiceInfo = new
            {
                invoiceType = "2", templateCode = "2/001", invoiceSeries = "C25MAA", currencyCode = "VND", adjustmentType,
                adjustmentInvoiceType = adjustmentType == "5" ? "1" : "", originalInvoiceId,
                originalInvoiceIssueDate = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), additionalReferenceDesc = reason,
                additionalReferenceDate = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), paymentStatus = true, cusGetInvoiceRight = true, transactionUuid,
            },
            buyerInfo = new { buyerName = "Khách lẻ" },
            payments = new[] { new { paymentMethodName = "TM/CK" } },
            itemInfo = new[]
            {
                new { lineNumber = 1, selection = 1, itemCode = "CF01", itemName = "Cà phê sữa đá", unitName = "Ly", unitPrice, quantity,
                      itemTotalAmountWithoutTax = net, taxPercentage = 10, taxAmount = tax, isIncreaseItem = !decrease },
            },
            summarizeInfo = new { totalAmountWithoutTax = net, totalTaxAmount = tax, totalAmountWithTax = net + tax },
        };
    }

    public Task<HttpResponseMessage> CreateAsync(object invoice, CancellationToken ct = default) =>
        _http.PostAsJsonAsync(Ws + "createInvoice/" + taxCode, invoice, ct);

    public Task<HttpResponseMessage> SearchAsync(string transactionUuid) =>
        _http.PostAsync(Ws + "searchInvoiceByTransactionUuid", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["supplierTaxCode"] = taxCode, ["transactionUuid"] = transactionUuid,
        }));

    public Task<HttpResponseMessage> ListAsync(DateOnly from, DateOnly to) =>
        _http.PostAsJsonAsync(Utils + "getListInvoiceDataControl", new
        {
            supplierTaxCode = taxCode, fromDate = from.ToString("dd/MM/yyyy"), toDate = to.ToString("dd/MM/yyyy"),
        });

    public Task<HttpResponseMessage> FileAsync(string invoiceNo) =>
        _http.PostAsJsonAsync(Utils + "getInvoiceRepresentationFile", new { supplierTaxCode = taxCode, invoiceNo, templateCode = "2/001", fileType = "PDF" });

    public Task<HttpResponseMessage> CancelAsync(string invoiceNo, string reason) =>
        _http.PostAsync(Ws + "cancelTransactionInvoice", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["supplierTaxCode"] = taxCode, ["invoiceNo"] = invoiceNo, ["strIssueDate"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(),
            ["additionalReferenceDesc"] = reason, ["additionalReferenceDate"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(),
        }));

    /// <summary>Searches until the invoice's exchange status is <paramref name="state"/> (the authority's 204 came back).</summary>
    public async Task<JsonElement> WaitForAsync(string transactionUuid, string state = "accepted")
    {
        JsonElement last = default;
        var ok = await Eventually.TryUntilAsync(async () =>
        {
            using var response = await SearchAsync(transactionUuid);
            if (response.StatusCode != HttpStatusCode.OK) return false;
            last = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result")[0];
            return last.GetProperty("exchangeStatus").GetString() == state;
        }, TimeSpan.FromSeconds(20));
        Assert.True(ok, $"the invoice of {transactionUuid} never became {state}: {last}");
        return last;
    }

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode} {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>A POS's MISA meInvoice client, written from the public client code the profile cites.</summary>
public sealed class MisaPos(Uri provider, string taxCode, TimeSpan? timeout = null) : IDisposable
{
    /// <summary>MISA's names as they are (PascalCase).</summary>
    private static readonly JsonSerializerOptions AsIs = new() { PropertyNamingPolicy = null };
    private readonly HttpClient _http = new() { BaseAddress = provider, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public async Task<JsonElement> LoginAsync(string? taxcode = null)
    {
        using var response = await _http.PostAsJsonAsync("api/integration/auth/token",
            new { appid = "sim-app", taxcode = taxcode ?? taxCode, username = "pos@shop.vn", password = "secret" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("Success").GetBoolean())
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("Data").GetString());
        return body;
    }

    public static object Invoice(string refId, int signType = 5, decimal unitPrice = 29000m, int quantity = 2, string vat = "10%", decimal? claimedTotal = null) =>
        Invoices(signType, Data(refId, unitPrice, quantity, vat, claimedTotal));

    public static object Invoices(int signType, params object[] data) => new { SignType = signType, InvoiceData = data, PublishInvoiceData = (object?)null };

    public static object Data(string refId, decimal unitPrice = 29000m, int quantity = 2, string vat = "10%", decimal? claimedTotal = null)
    {
        var net = unitPrice * quantity;
        var tax = Math.Round(net * 0.10m, 0, MidpointRounding.AwayFromZero);
        return new
        {
            RefID = refId, InvSeries = "1C25MAA", InvDate = DateTime.UtcNow.ToString("yyyy-MM-dd"), CurrencyCode = "VND", ExchangeRate = 1,
            PaymentMethodName = "TM/CK", BuyerLegalName = "", BuyerTaxCode = "", BuyerAddress = "",
            TotalSaleAmountOC = net, TotalAmountWithoutVATOC = net, TotalVATAmountOC = tax, TotalDiscountAmountOC = 0,
            TotalAmountOC = claimedTotal ?? net + tax, TotalAmountInWords = "", IsInvoiceCalculatingMachine = true,
            OriginalInvoiceDetail = new[]
            {
                new { ItemType = 1, LineNumber = 1, SortOrder = 1, ItemCode = "CF01", ItemName = "Cà phê sữa đá", UnitName = "Ly",
                      Quantity = quantity, UnitPrice = unitPrice, AmountOC = net, AmountWithoutVATOC = net, VATRateName = vat, VATAmountOC = tax,
                      DiscountRate = 0, DiscountAmountOC = 0 },
            },
            TaxRateInfo = new[] { new { VATRateName = vat, AmountWithoutVATOC = net, VATAmountOC = tax } },
        };
    }

    public Task<HttpResponseMessage> PublishAsync(object request, CancellationToken ct = default) => _http.PostAsJsonAsync("api/integration/invoice", request, AsIs, ct);

    /// <summary>inputType 1: TransactionIDs, 2: RefIDs.</summary>
    public Task<HttpResponseMessage> StatusAsync(int inputType, params string[] ids) =>
        _http.PostAsJsonAsync($"api/integration/invoice/status?invoiceWithCode=true&invoiceCalcu=false&inputType={inputType}", ids);

    public Task<HttpResponseMessage> DownloadAsync(params string[] transactionIds) =>
        _http.PostAsJsonAsync("api/integration/invoice/download?downloadDataType=pdf", transactionIds);

    public Task<HttpResponseMessage> DeleteAsync(string transactionId, string reason) =>
        _http.PostAsJsonAsync("api/integration/invoice/deleted", new
        {
            TransactionID = transactionId, RefDate = DateTime.UtcNow, RefNo = "XB-01", DeletedReason = reason,
            MinutesDate = DateTime.UtcNow.ToString("yyyy-MM-dd"), MinutesNo = "BB-01", MinutesReason = reason,
        }, AsIs);

    /// <summary>The list a MISA answer carries as a JSON string (Data or PublishInvoiceResult).</summary>
    public static async Task<JsonElement> ListAsync(HttpResponseMessage response, string field = "Data")
    {
        var body = await ViettelPos.BodyAsync(response);
        Assert.True(body.GetProperty("Success").GetBoolean(), body.ToString());
        return JsonDocument.Parse(body.GetProperty(field).GetString()!).RootElement.Clone();
    }

    public async Task<JsonElement> WaitForAsync(string refId, int sendTaxStatus = 2)
    {
        JsonElement last = default;
        var ok = await Eventually.TryUntilAsync(async () =>
        {
            var rows = await ListAsync(await StatusAsync(2, refId));
            if (rows.GetArrayLength() == 0) return false;
            last = rows[0];
            return last.GetProperty("SendTaxStatus").GetInt32() == sendTaxStatus;
        }, TimeSpan.FromSeconds(20));
        Assert.True(ok, $"the invoice of {refId} never reached SendTaxStatus {sendTaxStatus}: {last}");
        return last;
    }

    public void Dispose() => _http.Dispose();
}

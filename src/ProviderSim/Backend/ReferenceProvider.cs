using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// The reference provider behind a profile, over its JSON API (docs/provider.md): a sale in, the invoice
/// (code, series, number, totals, state) out. In-process or remote, the same calls.
/// </summary>
public sealed class ReferenceProvider(HttpClient http)
{
    /// <summary>The answer of POST /api/v1/sales or GET /api/v1/sales/{id}: the status and the JSON body.</summary>
    public sealed record Answer(HttpStatusCode Status, JsonElement Body)
    {
        public bool Ok => (int)Status is >= 200 and < 300;
        public string Text(string name) => Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        public decimal Number(string name) => Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : 0m;
    }

    public async Task<Answer> SellAsync(object sale, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/v1/sales", sale, ct);
        return new Answer(response.StatusCode, await ReadAsync(response, ct));
    }

    public async Task<Answer> SaleAsync(string saleId, CancellationToken ct)
    {
        using var response = await http.GetAsync("api/v1/sales/" + Uri.EscapeDataString(saleId), ct);
        return new Answer(response.StatusCode, await ReadAsync(response, ct));
    }

    public async Task<Answer> InvoiceAsync(string code, CancellationToken ct)
    {
        using var response = await http.GetAsync("api/v1/invoices/" + Uri.EscapeDataString(code), ct);
        return new Answer(response.StatusCode, await ReadAsync(response, ct));
    }

    /// <summary>
    /// The real cancel (docs/corrections.md): 202 and a signed 303 (TCTBao 1) on its way; the invoice turns
    /// <c>cancelling</c>, then <c>cancelled</c> when the authority's 301 accepts it. 409 when the chain rules forbid it.
    /// </summary>
    public async Task<Answer> CancelAsync(string code, string reason, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/invoices/{Uri.EscapeDataString(code)}/cancel", new { reason }, ct);
        return new Answer(response.StatusCode, await ReadAsync(response, ct));
    }

    /// <summary>An adjustment invoice of <paramref name="code"/> (TTHDLQuan TCHDon 2): <c>{direction, saleId, lines, …}</c>; 201 (or 200 for the same saleId again) with <c>adjustment</c>.</summary>
    public async Task<Answer> AdjustAsync(string code, object adjustment, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/invoices/{Uri.EscapeDataString(code)}/adjust", adjustment, ct);
        return new Answer(response.StatusCode, await ReadAsync(response, ct));
    }

    /// <summary>A replacement invoice of <paramref name="code"/> (TTHDLQuan TCHDon 1) and its 303 (TCTBao 3): <c>{reason, lines, …}</c>; 201 with <c>replacement</c>.</summary>
    public async Task<Answer> ReplaceAsync(string code, object replacement, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/invoices/{Uri.EscapeDataString(code)}/replace", replacement, ct);
        return new Answer(response.StatusCode, await ReadAsync(response, ct));
    }

    /// <summary>The seller the provider issues for (its MST), from /api/v1/status.</summary>
    public async Task<string> SellerTaxCodeAsync(CancellationToken ct)
    {
        var status = await http.GetFromJsonAsync<JsonElement>("api/v1/status", ct);
        return status.GetProperty("taxCode").GetString()!;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(new { detail = text });
        }
    }
}

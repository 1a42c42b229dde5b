using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Drivers;

/// <summary>What the provider answered: the HTTP status and the JSON body (an invoice, or RFC 7807 problem JSON).</summary>
public sealed record ProviderAnswer(HttpStatusCode Status, JsonElement Body)
{
    public string Text(string property) => Body.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}

/// <summary>
/// The shop's provider as a POS and an operator see it: its JSON API (docs/provider.md) over HTTP only, every exchange
/// logged. The provider is the reference one of <see cref="ReferenceProvider"/>, or a vendor's at CK_PROVIDER_URL.
/// </summary>
public sealed class ProviderDriver(ReferenceProvider reference, HttpLog log) : IDisposable
{
    private HttpClient? _client;
    private Uri? _address;

    private async Task<HttpClient> ClientAsync()
    {
        var address = TargetSettings.ProviderUrl ?? await reference.AddressAsync();
        if (_client is not null && address == _address) return _client;
        _client?.Dispose(); // a restarted reference provider listens on a new port
        var handler = log.CreateHandler();
        handler.InnerHandler = new HttpClientHandler();
        _client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        if (TargetSettings.ProviderKey is { } key) _client.DefaultRequestHeaders.Add("X-Api-Key", key);
        _address = address;
        return _client;
    }

    /// <summary>POST /api/v1/sales.</summary>
    public async Task<ProviderAnswer> SellAsync(object sale)
    {
        using var response = await (await ClientAsync()).PostAsJsonAsync("api/v1/sales", sale);
        return await AnswerAsync(response);
    }

    /// <summary>GET /api/v1/sales/{id}: the invoice of a sale and where it is (404 when the provider has none).</summary>
    public async Task<ProviderAnswer> SaleAsync(string saleId)
    {
        using var response = await (await ClientAsync()).GetAsync("api/v1/sales/" + Uri.EscapeDataString(saleId));
        return await AnswerAsync(response);
    }

    /// <summary>Waits until the sale's invoice reaches <paramref name="state"/> (accepted, rejected, held …).</summary>
    public async Task<ProviderAnswer> WaitForSaleAsync(string saleId, string state, TimeSpan? timeout = null)
    {
        ProviderAnswer? last = null;
        var reached = await Eventually.TryUntilAsync(async () =>
        {
            last = await SaleAsync(saleId);
            return last.Status == HttpStatusCode.OK && last.Text("state") == state;
        }, timeout ?? TimeSpan.FromSeconds(20));
        return reached ? last! : throw new TimeoutException(
            $"the invoice of sale {saleId} did not become {state}; the provider says {(int?)last?.Status} {last?.Body}; status: {await StatusAsync()}");
    }

    /// <summary>GET /api/v1/status: counts per state, the signer, the target and the last problem.</summary>
    public async Task<JsonElement> StatusAsync() => await (await ClientAsync()).GetFromJsonAsync<JsonElement>("api/v1/status");

    /// <summary>GET /api/v1/packages?state=: the outbox.</summary>
    public async Task<IReadOnlyList<JsonElement>> PackagesAsync(string? state = null) =>
        [.. (await (await ClientAsync()).GetFromJsonAsync<JsonElement>("api/v1/packages" + (state is null ? "" : "?state=" + state))).EnumerateArray()];

    /// <summary>POST /api/v1/packages/flush: package everything waiting now (manual sync).</summary>
    public async Task FlushAsync()
    {
        using var response = await (await ClientAsync()).PostAsync("api/v1/packages/flush", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>POST /api/v1/retry: held invoices go back in the queue.</summary>
    public async Task RetryAsync()
    {
        using var response = await (await ClientAsync()).PostAsync("api/v1/retry", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>GET the package as composed (token signing: what the person signs).</summary>
    public async Task<byte[]> UnsignedPackageAsync(string messageId) =>
        await (await ClientAsync()).GetByteArrayAsync($"api/v1/packages/{messageId}/unsigned");

    /// <summary>PUT the signed package (token signing).</summary>
    public async Task<HttpStatusCode> PutSignedPackageAsync(string messageId, byte[] signed)
    {
        using var body = new ByteArrayContent(signed);
        body.Headers.ContentType = new("application/xml");
        using var response = await (await ClientAsync()).PutAsync($"api/v1/packages/{messageId}/signed", body);
        return response.StatusCode;
    }

    private static async Task<ProviderAnswer> AnswerAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body;
        try { body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { body = JsonDocument.Parse(JsonSerializer.Serialize(text)).RootElement.Clone(); }
        return new ProviderAnswer(response.StatusCode, body);
    }

    /// <summary>POST a JSON body to a route of the provider's API (the corrections: cancel, replace, adjust).</summary>
    public async Task<ProviderAnswer> PostAsync(string path, object body)
    {
        using var response = await (await ClientAsync()).PostAsJsonAsync(path, body);
        return await AnswerAsync(response);
    }

    /// <summary>GET /api/v1/invoices/{code}: the invoice and where it is (404 when the provider never issued it).</summary>
    public async Task<ProviderAnswer> InvoiceAsync(string code)
    {
        using var response = await (await ClientAsync()).GetAsync("api/v1/invoices/" + Uri.EscapeDataString(code));
        return await AnswerAsync(response);
    }

    /// <summary>
    /// The numbers between the lowest and the highest of <paramref name="codes"/> (one block) that the provider does not
    /// know: a gap. Numbers in between that are not the scenario's must be invoices of other sales (a provider shared
    /// with other scenarios or tills numbers them too), which the provider's API shows.
    /// </summary>
    public async Task<IReadOnlyList<string>> GapsAsync(IReadOnlyCollection<string> codes)
    {
        var prefix = codes.First()[..^11];
        var mine = codes.Select(c => long.Parse(c[^11..], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var gaps = new List<string>();
        for (var n = mine.Min(); n <= mine.Max(); n++)
        {
            var code = prefix + n.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);
            if (!mine.Contains(n) && (await InvoiceAsync(code)).Status != HttpStatusCode.OK) gaps.Add(code);
        }
        return gaps;
    }

    /// <summary>Waits until a package in <paramref name="state"/> carries an error (a failed signing, a failed send); those packages.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForPackagesWithErrorAsync(string state) =>
        [.. (await Eventually.ValueAsync(() => PackagesAsync(state), p => p.Any(HasError), TimeSpan.FromSeconds(10))).Where(HasError)];

    private static bool HasError(JsonElement package) => package.GetProperty("lastError").ValueKind == JsonValueKind.String;

    public void Dispose() => _client?.Dispose();

    /// <summary>Watches the outbox for <paramref name="window"/> (a few of the provider's polls): the packages that showed up, none if it stayed empty.</summary>
    public Task<IReadOnlyList<JsonElement>> PackagesWithinAsync(TimeSpan window) => Eventually.ValueAsync(() => PackagesAsync(), p => p.Count > 0, window);

    /// <summary>Waits until the outbox's packages hold at least <paramref name="invoices"/> invoices; the packages, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> PackagesHoldingAsync(int invoices) =>
        [.. (await Eventually.ValueAsync(() => PackagesAsync(), p => p.Sum(x => x.GetProperty("invoices").GetInt32()) >= invoices, TimeSpan.FromSeconds(20)))
            .OrderBy(p => p.GetProperty("createdAt").GetDateTimeOffset())];
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Features.Support;
using ConformanceKit.ProviderSim;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// The shop's POS talking to a market provider's API (a <c>ck provider-sim</c> profile, docs/provider-sim.md) over HTTP.
/// It takes the feature's reference provider, authority simulator (<see cref="LocalPipeline"/>) and provider simulator,
/// reset for the scenario (<see cref="ProviderSimPool"/>); a scenario whose authority is down starts its own. The POS behaves as a well-written one should: it reuses its token and logs in again
/// after a 401, waits <c>Retry-After</c> after a 429, backs off after a 5xx or an answer it cannot read, keeps the
/// transaction id on every retry, and looks a transaction up when the provider says it already has it.
/// </summary>
public sealed class MarketProviderDriver(HttpLog log, Reqnroll.FeatureContext feature) : IAsyncDisposable
{
    /// <summary>Whether the pipeline and simulator are the feature's (<see cref="ProviderSimPool"/>), not this scenario's own.</summary>
    private bool _shared;
    private static readonly JsonSerializerOptions AsIs = new() { PropertyNamingPolicy = null };
    private LocalPipeline? _pipeline;
    private ProviderSimServer? _sim;
    private HttpClient? _http;

    /// <summary>The names a feature uses for a provider's API, and the profile that simulates it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Profiles = new Dictionary<string, string>
    {
        ["Viettel S-Invoice"] = "viettel-sinvoice",
        ["MISA meInvoice"] = "misa-meinvoice",
    };

    /// <summary>One request the POS made to issue an invoice, and what it got.</summary>
    public sealed record Attempt(TimeSpan At, string TransactionId, int Status, TimeSpan? RetryAfter, string Body, bool TimedOut);

    /// <summary>What the POS ended with for one sale.</summary>
    public sealed record Outcome(string TransactionId, string? InvoiceNumber, string? AuthorityCode, string? Error);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public string Profile { get; private set; } = "";

    public bool IsViettel => Profile == "viettel-sinvoice";

    public List<Attempt> Attempts { get; } = [];

    public int Logins { get; private set; }

    public int LookUps { get; private set; }

    /// <summary>How long the POS waits for an answer before giving up on the request (and retrying).</summary>
    public TimeSpan Patience { get; set; } = TimeSpan.FromSeconds(20);

    public ProviderSimServer Sim => _sim ?? throw new InvalidOperationException("no provider yet: 'Given the shop's POS talks to the … API'");

    /// <param name="authority">The authority the provider sends to; null: an in-process simulator.</param>
    public async Task StartAsync(string provider, Uri? authority = null)
    {
        Profile = Profiles.TryGetValue(provider, out var name)
            ? name : throw new ArgumentException($"no provider '{provider}' (known: {string.Join(", ", Profiles.Keys)})");
        if (authority is null && ProviderSimPool.Enabled)
        {
            (_pipeline, _sim) = await ProviderSimPool.Of(feature).TakeAsync(Profile);
            _shared = true;
        }
        else
        {
            _pipeline = await LocalPipeline.StartAsync(authority: authority);
            _sim = await ProviderSimServer.StartAsync(new ProfileCatalog(ProfileCatalog.DefaultFolder).Find(Profile)!, _pipeline.ProviderApi);
        }
        var handler = log.CreateHandler();
        handler.InnerHandler = new HttpClientHandler();
        _http = new HttpClient(handler) { BaseAddress = _sim.Address, Timeout = Timeout.InfiniteTimeSpan };
        await LoginAsync();
    }

    public void Fault(string fault, bool on = true)
    {
        if (!Sim.Profile.Faults.Contains(fault)) throw new ArgumentException($"no fault {fault} in {Profile}");
        Sim.SetFault(fault, on);
    }

    public PosJudge.Judgement Judge() => Sim.Judge();

    private HttpClient Http => _http ?? throw new InvalidOperationException("no provider yet");

    public async Task LoginAsync()
    {
        Logins++;
        using var response = IsViettel
            ? await Http.PostAsJsonAsync("auth/login", new { username = DemoData.TaxCode, password = "secret" })
            : await Http.PostAsJsonAsync("api/integration/auth/token", new { appid = "pos-app", taxcode = DemoData.TaxCode, username = "pos@shop.vn", password = "secret" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = IsViettel
            ? body.GetProperty("access_token").GetString()
            : body.GetProperty("Success").GetBoolean() ? body.GetProperty("Data").GetString() : null;
        if (token is null) throw new InvalidOperationException($"login refused: {body}");
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Sells <paramref name="quantity"/> of one item at a price with 10 % VAT, retrying as a good POS does (at most 8 requests).</summary>
    public async Task<Outcome> SellAsync(string transactionId, int quantity, decimal unitPrice)
    {
        string? lastError = null;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var (status, retryAfter, body, timedOut) = await IssueOnceAsync(transactionId, quantity, unitPrice);
            Attempts.Add(new Attempt(_clock.Elapsed, transactionId, status, retryAfter, body, timedOut));
            if (timedOut) { lastError = "timed out"; continue; }
            if (status == 401) { await LoginAsync(); lastError = "token refused"; continue; }
            if (status == 429) { await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1)); lastError = "rate limited"; continue; }
            if (body.Contains("TCT_CONNECTION_ERROR") || body.Contains("TaxAuthorityConnectionError"))
                return new Outcome(transactionId, null, null, body); // the provider cannot reach the authority: the POS keeps the sale, retries later
            if (status >= 500) { await Task.Delay(BackOff(attempt)); lastError = $"HTTP {status}"; continue; }
            if (Parse(body) is not { } json)
            {
                // an answer the POS cannot read: the invoice may or may not exist; look it up before sending again
                lastError = "unreadable answer";
                await Task.Delay(BackOff(attempt));
                if (await LookUpAsync(transactionId) is { } found) return found;
                continue;
            }
            if (body.Contains("TRANSACTION_UUID_EXISTED") || body.Contains("DuplicateInvoiceRefID"))
            {
                lastError = "already received";
                if (await LookUpAsync(transactionId) is { } found) return found;
                await Task.Delay(BackOff(attempt));
                continue;
            }
            if (Issued(json) is { } issued) return issued with { TransactionId = transactionId };
            return new Outcome(transactionId, null, null, body); // refused
        }
        return new Outcome(transactionId, null, null, "gave up after 8 requests: " + lastError);
    }

    private static TimeSpan BackOff(int attempt) => TimeSpan.FromMilliseconds(250 * Math.Pow(2, Math.Min(attempt, 3)));

    private async Task<(int Status, TimeSpan? RetryAfter, string Body, bool TimedOut)> IssueOnceAsync(string id, int quantity, decimal unitPrice)
    {
        using var cts = new CancellationTokenSource(Patience);
        try
        {
            using var response = IsViettel
                ? await Http.PostAsJsonAsync("services/einvoiceapplication/api/InvoiceAPI/InvoiceWS/createInvoice/" + DemoData.TaxCode, ViettelSale(id, quantity, unitPrice), cts.Token)
                : await Http.PostAsJsonAsync("api/integration/invoice", MisaSale(id, quantity, unitPrice), AsIs, cts.Token);
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta, await response.Content.ReadAsStringAsync(cts.Token), false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return (0, null, "", true);
        }
    }

    private static JsonElement? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try { return JsonDocument.Parse(body).RootElement.Clone(); }
        catch (JsonException) { return null; }
    }

    private static Outcome? Issued(JsonElement body)
    {
        if (body.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object)
            return new Outcome("", result.GetProperty("invoiceNo").GetString(), result.GetProperty("codeOfTax").GetString(), null);
        if (body.TryGetProperty("PublishInvoiceResult", out var published) && published.ValueKind == JsonValueKind.String)
        {
            var first = JsonDocument.Parse(published.GetString()!).RootElement[0];
            if (first.GetProperty("ErrorCode").ValueKind == JsonValueKind.Null)
                return new Outcome("", first.GetProperty("InvSeries").GetString() + first.GetProperty("InvNo").GetString(), first.GetProperty("InvCode").GetString(), null);
        }
        return null;
    }

    /// <summary>The invoice the provider holds for the transaction, or null.</summary>
    public async Task<Outcome?> LookUpAsync(string transactionId)
    {
        LookUps++;
        var row = await StatusRowAsync(transactionId);
        if (row is not { } r) return null;
        return IsViettel
            ? new Outcome(transactionId, r.GetProperty("invoiceNo").GetString(), r.GetProperty("codeOfTax").GetString(), null)
            : new Outcome(transactionId, r.GetProperty("InvSeries").GetString() + r.GetProperty("InvNo").GetString(), r.GetProperty("InvCode").GetString(), null);
    }

    /// <summary>Where the provider says the transaction's invoice is: issued, packaged, accepted, rejected (null: no invoice).</summary>
    public async Task<string?> StateAsync(string transactionId)
    {
        if (await StatusRowAsync(transactionId) is not { } row) return null;
        return IsViettel
            ? row.GetProperty("exchangeStatus").GetString()
            : row.GetProperty("SendTaxStatus").GetInt32() switch { 0 => "issued", 1 => "packaged", 2 => "accepted", 3 => "rejected", _ => "other" };
    }

    private async Task<JsonElement?> StatusRowAsync(string transactionId)
    {
        if (IsViettel)
        {
            using var response = await Http.PostAsync("services/einvoiceapplication/api/InvoiceAPI/InvoiceWS/searchInvoiceByTransactionUuid",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["supplierTaxCode"] = DemoData.TaxCode, ["transactionUuid"] = transactionId }));
            if (response.StatusCode != HttpStatusCode.OK) return null;
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return body.TryGetProperty("result", out var rows) && rows.ValueKind == JsonValueKind.Array && rows.GetArrayLength() > 0 ? rows[0].Clone() : null;
        }
        using var status = await Http.PostAsJsonAsync("api/integration/invoice/status?invoiceWithCode=true&invoiceCalcu=false&inputType=2", new[] { transactionId });
        var envelope = await status.Content.ReadFromJsonAsync<JsonElement>();
        if (!envelope.GetProperty("Success").GetBoolean() || envelope.GetProperty("Data").GetString() is not { } data) return null;
        var list = JsonDocument.Parse(data).RootElement;
        return list.GetArrayLength() > 0 ? list[0].Clone() : null;
    }

    private static object ViettelSale(string transactionUuid, int quantity, decimal unitPrice)
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
                new { lineNumber = 1, selection = 1, itemCode = "CF01", itemName = "Cà phê sữa đá", unitName = "Ly", unitPrice, quantity,
                      itemTotalAmountWithoutTax = net, taxPercentage = 10, taxAmount = tax },
            },
            taxBreakdowns = new[] { new { taxPercentage = 10, taxableAmount = net, taxAmount = tax } },
            summarizeInfo = new
            {
                sumOfTotalLineAmountWithoutTax = net, totalAmountWithoutTax = net, totalTaxAmount = tax,
                totalAmountWithTax = net + tax, totalAmountWithTaxInWords = "",
            },
        };
    }

    private static object MisaSale(string refId, int quantity, decimal unitPrice)
    {
        var net = unitPrice * quantity;
        var tax = Math.Round(net * 0.10m, 0, MidpointRounding.AwayFromZero);
        return new
        {
            SignType = 5,
            InvoiceData = new[]
            {
                new
                {
                    RefID = refId, InvSeries = "1C25MAA", InvDate = DateTime.UtcNow.ToString("yyyy-MM-dd"), CurrencyCode = "VND", ExchangeRate = 1,
                    PaymentMethodName = "TM/CK", BuyerLegalName = "", BuyerTaxCode = "", BuyerAddress = "",
                    TotalSaleAmountOC = net, TotalAmountWithoutVATOC = net, TotalVATAmountOC = tax, TotalDiscountAmountOC = 0,
                    TotalAmountOC = net + tax, TotalAmountInWords = "", IsInvoiceCalculatingMachine = true,
                    OriginalInvoiceDetail = new[]
                    {
                        new { ItemType = 1, LineNumber = 1, SortOrder = 1, ItemCode = "CF01", ItemName = "Cà phê sữa đá", UnitName = "Ly",
                              Quantity = quantity, UnitPrice = unitPrice, AmountOC = net, AmountWithoutVATOC = net, VATRateName = "10%", VATAmountOC = tax,
                              DiscountRate = 0, DiscountAmountOC = 0 },
                    },
                    TaxRateInfo = new[] { new { VATRateName = "10%", AmountWithoutVATOC = net, VATAmountOC = tax } },
                },
            },
            PublishInvoiceData = (object?)null,
        };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (!_shared && _sim is not null) await _sim.DisposeAsync();
        if (!_shared && _pipeline is not null) await _pipeline.DisposeAsync();
        _sim = null;
        _pipeline = null;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ConformanceKit.AuthorityContract;

/// <summary>
/// What both typed clients share: the key header on every request, JSON in and out (<see cref="AuthorityJson"/>), and an
/// <see cref="AuthorityApiException"/> for every answer the contract calls a failure. The HttpClient is the caller's
/// (it may be shared: the key goes on each request, not on the client); its BaseAddress is the simulator's root, with a
/// trailing slash when the simulator is mounted under a path.
/// </summary>
public abstract class AuthorityClient
{
    private readonly string _header;

    protected AuthorityClient(HttpClient http, string header, string? key)
    {
        Http = http ?? throw new ArgumentNullException(nameof(http));
        _header = header;
        Key = key;
    }

    public HttpClient Http { get; }

    /// <summary>The key sent in the client's header; null sends none.</summary>
    public string? Key { get; }

    /// <summary>
    /// GET /health (no key): the view with 200, or with 503 while the simulator is starting. A 200 without the view (a
    /// stand-in server's plain "ok") is <c>status: ok</c>; a bare 503 is <c>status: starting</c>.
    /// </summary>
    public async Task<HealthView> HealthAsync(CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "health");
        using var response = await Http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
            throw await FailureAsync(request, response, ct).ConfigureAwait(false);
        var fallback = new HealthView { Status = response.StatusCode == HttpStatusCode.OK ? "ok" : "starting" };
        if (response.Content.Headers.ContentType?.MediaType != "application/json") return fallback;
        try
        {
            return await response.Content.ReadFromJsonAsync<HealthView>(AuthorityJson.Options, ct).ConfigureAwait(false) ?? fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    /// <summary>GET /api/v1/certificate (no key): the simulated authority's signing certificate, PEM.</summary>
    public async Task<string> CertificateAsync(CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/certificate");
        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// GET /api/v1/invoices/{mst}/{code}?total=: the stored invoice, or null when none matches (404). Without a key
    /// <paramref name="total"/> (TgTTTBSo, as printed) is required and the look-up is rate-limited (429).
    /// </summary>
    public async Task<InvoiceView?> LookUpAsync(string mst, string code, string? total = null, CancellationToken ct = default)
    {
        var path = $"api/v1/invoices/{Uri.EscapeDataString(mst)}/{Uri.EscapeDataString(code)}"
                   + (total is null ? "" : "?total=" + Uri.EscapeDataString(total));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(request, ct, HttpStatusCode.NotFound).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await response.Content.ReadFromJsonAsync<InvoiceView>(AuthorityJson.Options, ct).ConfigureAwait(false);
    }

    /// <summary>Sends with the key; a status other than 2xx (or one of <paramref name="alsoFine"/>) throws.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, params HttpStatusCode[] alsoFine)
    {
        if (Key is not null) request.Headers.TryAddWithoutValidation(_header, Key);
        var response = await Http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || alsoFine.Contains(response.StatusCode)) return response;
        using (response) throw await FailureAsync(request, response, ct).ConfigureAwait(false);
    }

    protected async Task<T> JsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: AuthorityJson.Options);
        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(AuthorityJson.Options, ct).ConfigureAwait(false)
               ?? throw new JsonException($"{method} /{path} answered {(int)response.StatusCode} with an empty JSON body");
    }

    protected async Task<byte[]> BytesAsync(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);

    protected static async Task<AuthorityApiException> FailureAsync(HttpRequestMessage request, HttpResponseMessage response,
        CancellationToken ct)
    {
        var raw = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var body = System.Text.Encoding.UTF8.GetString(raw);
        var problem = response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json"
            ? AuthorityProblem.TryParse(body)
            : null;
        var path = request.RequestUri is not { } uri ? "" : uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
        return new AuthorityApiException(request.Method.Method, path, response.StatusCode, problem, body, RetryAfter(response), raw);
    }

    protected static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.RetryAfter?.Date is { } at ? at - DateTimeOffset.UtcNow : null);

    protected static string Query(params (string Name, object? Value)[] parts)
    {
        var given = parts.Where(p => p.Value is not null && !(p.Value is string s && s.Length == 0))
            .Select(p => p.Name + "=" + Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)).ToList();
        return given.Count == 0 ? "" : "?" + string.Join("&", given);
    }

    protected static ByteArrayContent Xml(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        return content;
    }
}

/// <summary>
/// The T-VAN side of the contract (header X-Api-Key): send a TDiep, read the responses to it and the inbox feed, look an
/// invoice up, fetch the authority's certificate. XML travels as bytes, untouched.
/// </summary>
/// <param name="apiKey">The T-VAN's key; null for a buyer (only the look-up, with a total, and the certificate work).</param>
public sealed class AuthorityTvanClient(HttpClient http, string? apiKey) : AuthorityClient(http, AuthorityHeaders.ApiKey, apiKey)
{
    /// <summary>
    /// POST /api/v1/messages: one TDiep (206 or 100). Returns the 999 whether taken (200) or refused (400, 413); throws
    /// <see cref="AuthorityApiException"/> for 401, 408, 429/503 (busy or a fault; see its RetryAfter) and 500.
    /// </summary>
    public Task<SentMessage> SendAsync(byte[] message, CancellationToken ct = default) => SendAsync(message, "api/v1/messages", ct);

    /// <inheritdoc cref="SendAsync(byte[], CancellationToken)"/>
    /// <param name="path">The route, relative to the base address: a conformance harness also posts to routes a target must not have.</param>
    public async Task<SentMessage> SendAsync(byte[] message, string path, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Xml(message) };
        if (Key is not null) request.Headers.TryAddWithoutValidation(AuthorityHeaders.ApiKey, Key);
        using var response = await Http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType == "application/xml")
            return new SentMessage(response.StatusCode, await BytesAsync(response, ct).ConfigureAwait(false));
        throw await FailureAsync(request, response, ct).ConfigureAwait(false);
    }

    /// <summary>GET /api/v1/messages/{id}/responses: this T-VAN's responses to a message so far, oldest first; <see cref="MessageList.None"/> when none (yet).</summary>
    public async Task<MessageList> ResponsesAsync(string messageId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/messages/{Uri.EscapeDataString(messageId)}/responses");
        using var response = await SendAsync(request, ct, HttpStatusCode.NotFound).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? MessageList.None : new MessageList(await BytesAsync(response, ct).ConfigureAwait(false));
    }

    /// <summary>GET /api/v1/inbox?after=&amp;limit=: the responses addressed to this T-VAN after the cursor (start at 0), and the next cursor.</summary>
    public async Task<MessageList> InboxAsync(long after = 0, int? limit = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/inbox" + Query(("after", after), ("limit", limit)));
        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        var xml = await BytesAsync(response, ct).ConfigureAwait(false);
        var next = response.Headers.TryGetValues(AuthorityHeaders.NextCursor, out var values)
                   && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : MessageList.NextAttribute(xml) ?? after;
        return new MessageList(xml, next, response.Headers.Date);
    }
}

/// <summary>The control plane (/admin/v1/*, header X-Admin-Key; docs/simulator.md, "Control plane").</summary>
public sealed partial class AuthorityAdminClient(HttpClient http, string adminKey) : AuthorityClient(http, AuthorityHeaders.AdminKey, adminKey)
{
    /// <summary>POST /admin/v1/seed: lays a seed document on top of the registry (400 lists every problem with its path).</summary>
    public Task<SeedResult> SeedAsync(SeedDocument seed, CancellationToken ct = default) =>
        JsonAsync<SeedResult>(HttpMethod.Post, "admin/v1/seed", seed, ct);

    /// <summary>POST /admin/v1/reset: empties the store, reloads the start-up seed, clears the faults, real clock.</summary>
    public Task<ResetResult> ResetAsync(CancellationToken ct = default) =>
        JsonAsync<ResetResult>(HttpMethod.Post, "admin/v1/reset", null, ct);

    /// <summary>GET /admin/v1/clock.</summary>
    public Task<ClockView> GetClockAsync(CancellationToken ct = default) =>
        JsonAsync<ClockView>(HttpMethod.Get, "admin/v1/clock", null, ct);

    /// <summary>PUT /admin/v1/clock: the time, rate and processing delay (each optional).</summary>
    public Task<ClockView> SetClockAsync(ClockChange change, CancellationToken ct = default) =>
        JsonAsync<ClockView>(HttpMethod.Put, "admin/v1/clock", change, ct);

    /// <summary>POST /admin/v1/clock/advance: moves the simulated clock forward.</summary>
    public Task<ClockView> AdvanceClockAsync(double seconds, CancellationToken ct = default) =>
        JsonAsync<ClockView>(HttpMethod.Post, "admin/v1/clock/advance", new ClockAdvance(seconds), ct);

    /// <inheritdoc cref="AdvanceClockAsync(double, CancellationToken)"/>
    public Task<ClockView> AdvanceClockAsync(TimeSpan by, CancellationToken ct = default) => AdvanceClockAsync(by.TotalSeconds, ct);

    /// <summary>POST /admin/v1/faults: the rule as stored (201), with its id.</summary>
    public Task<FaultRule> AddFaultAsync(FaultRule rule, CancellationToken ct = default) =>
        JsonAsync<FaultRule>(HttpMethod.Post, "admin/v1/faults", rule, ct);

    /// <summary>GET /admin/v1/faults: the rules with how often each matched and fired.</summary>
    public Task<IReadOnlyList<FaultRule>> GetFaultsAsync(CancellationToken ct = default) =>
        JsonAsync<IReadOnlyList<FaultRule>>(HttpMethod.Get, "admin/v1/faults", null, ct);

    /// <summary>DELETE /admin/v1/faults?seed=: removes every rule (and reseeds their randomness when <paramref name="seed"/> is given).</summary>
    public async Task ClearFaultsAsync(int? seed = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "admin/v1/faults" + Query(("seed", seed)));
        using var _ = await SendAsync(request, ct).ConfigureAwait(false);
    }

    /// <summary>GET /admin/v1/journal?mst=&amp;type=&amp;after=&amp;limit=: one page of the journal and the cursor after it.</summary>
    public Task<JournalPage> GetJournalAsync(string? mst = null, string? type = null, long? after = null, int? limit = null,
        CancellationToken ct = default) =>
        JsonAsync<JournalPage>(HttpMethod.Get, "admin/v1/journal" + Query(("mst", mst), ("type", type), ("after", after), ("limit", limit)), null, ct);

    /// <summary>GET /admin/v1/messages/{id}: the message's exact bytes as received, or null when none was taken (404).</summary>
    public async Task<byte[]?> GetMessageAsync(string messageId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"admin/v1/messages/{Uri.EscapeDataString(messageId)}");
        using var response = await SendAsync(request, ct, HttpStatusCode.NotFound).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await BytesAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>GET /admin/v1/messages/{id}/responses: every response to a message, whichever T-VAN it went to; <see cref="MessageList.None"/> when none (yet).</summary>
    public async Task<MessageList> GetResponsesAsync(string messageId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"admin/v1/messages/{Uri.EscapeDataString(messageId)}/responses");
        using var response = await SendAsync(request, ct, HttpStatusCode.NotFound).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? MessageList.None : new MessageList(await BytesAsync(response, ct).ConfigureAwait(false));
    }

    /// <summary>POST /admin/v1/reconciliation: runs the monthly Step 2 for <paramref name="month"/> (yyyy-MM) now.</summary>
    public Task<ReconciliationResult> ReconcileAsync(string month, CancellationToken ct = default) =>
        JsonAsync<ReconciliationResult>(HttpMethod.Post, "admin/v1/reconciliation", new ReconciliationRequest(month), ct);
}

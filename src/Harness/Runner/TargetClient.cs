using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Harness.Runner;

/// <summary>An answer to a post: the HTTP status and body (null when the connection failed).</summary>
public sealed record PostResult(int? Status, byte[] Body, string? Error);

/// <summary>
/// The target as the contract describes it (contract.md), over HTTP only: messages and responses with a T-VAN key,
/// the buyer look-up, the authority's certificate, and the control plane with the admin key.
/// </summary>
public sealed class TargetClient(HttpClient http, string adminKey) : IDisposable
{
    public Uri BaseAddress => http.BaseAddress!;

    public async Task<PostResult> PostMessageAsync(byte[] body, string apiKey, string path, CaseLog log, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        request.Headers.Add("X-Api-Key", apiKey);
        var started = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.Now;
        try
        {
            using var response = await http.SendAsync(request, ct);
            var answer = await response.Content.ReadAsByteArrayAsync(ct);
            log.Record("POST", path, (int)response.StatusCode, body, answer, at, started);
            return new PostResult((int)response.StatusCode, answer, null);
        }
        catch (HttpRequestException e)
        {
            log.Record("POST", path, null, body, Encoding.UTF8.GetBytes(e.Message), at, started);
            return new PostResult(null, [], e.Message);
        }
    }

    /// <summary>Every response to a message so far (999, 204, 102, 103 …), oldest first; not logged (it is polled).</summary>
    public async Task<(int Status, byte[] Raw, IReadOnlyList<byte[]> Messages)> ResponsesAsync(string messageId, string apiKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/messages/{Uri.EscapeDataString(messageId)}/responses");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request, ct);
        var raw = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK) return ((int)response.StatusCode, raw, []);
        var list = SafeXml.LoadDocument(raw);
        return (200, raw, [.. list.DocumentElement!.ChildNodes.OfType<XmlElement>().Select(e =>
        {
            var one = new XmlDocument { PreserveWhitespace = true };
            one.AppendChild(one.ImportNode(e, deep: true));
            return SafeXml.ToBytes(one);
        })]);
    }

    /// <summary>The buyer's look-up of a stored invoice: the status (200 stored, 404 not) and the storing message id.</summary>
    public async Task<(int Status, string? MessageId)> LookUpAsync(string taxCode, string code, CaseLog log, CancellationToken ct)
    {
        var path = $"api/v1/invoices/{Uri.EscapeDataString(taxCode)}/{Uri.EscapeDataString(code)}";
        var started = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.Now;
        // As the operator (admin key): any stored invoice, whoever sent it, without the buyer's total and not rate-limited.
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Admin-Key", adminKey);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        string? messageId = null;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            using var json = JsonDocument.Parse(body);
            messageId = json.RootElement.TryGetProperty("messageId", out var id) ? id.GetString() : null;
        }
        log.Record("GET", path, (int)response.StatusCode, null, response.StatusCode == HttpStatusCode.OK ? [] : body, at, started);
        return ((int)response.StatusCode, messageId);
    }

    /// <summary>The authority's signing certificate (PEM at /api/v1/certificate).</summary>
    public async Task<X509Certificate2> CertificateAsync(CancellationToken ct) =>
        X509Certificate2.CreateFromPem(await http.GetStringAsync("api/v1/certificate", ct));

    public Task SeedAsync(JsonNode seed, CaseLog log, CancellationToken ct) => AdminAsync(HttpMethod.Post, "admin/v1/seed", seed, log, ct);

    public async Task<ClockState> ClockAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/v1/clock");
        request.Headers.Add("X-Admin-Key", adminKey);
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, "GET admin/v1/clock", ct);
        return (await response.Content.ReadFromJsonAsync<ClockState>(ct))!;
    }

    public Task SetClockAsync(ClockState state, CaseLog log, CancellationToken ct) => AdminAsync(HttpMethod.Put, "admin/v1/clock",
        new { now = state.Now, rate = state.Rate, processingDelaySeconds = state.ProcessingDelaySeconds }, log, ct);

    public Task AdvanceClockAsync(int seconds, CaseLog log, CancellationToken ct) =>
        AdminAsync(HttpMethod.Post, "admin/v1/clock/advance", new { seconds }, log, ct);

    public Task AddFaultAsync(JsonNode rule, CaseLog log, CancellationToken ct) => AdminAsync(HttpMethod.Post, "admin/v1/faults", rule, log, ct);

    public Task ClearFaultsAsync(CaseLog log, CancellationToken ct) => AdminAsync(HttpMethod.Delete, "admin/v1/faults", null, log, ct);

    private async Task AdminAsync(HttpMethod method, string path, object? body, CaseLog log, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType());
        request.Headers.Add("X-Admin-Key", adminKey);
        var started = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.Now;
        var sent = body is null ? null : Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, body.GetType()));
        using var response = await http.SendAsync(request, ct);
        var answer = await response.Content.ReadAsByteArrayAsync(ct);
        log.Record(method.Method, path, (int)response.StatusCode, sent, answer, at, started);
        if (!response.IsSuccessStatusCode)
            throw new TargetException($"{method} {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(answer)}");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new TargetException(response.StatusCode == HttpStatusCode.Unauthorized
            ? $"{what}: the target refused the admin key (401); pass the right one with --admin-key"
            : $"{what} answered {(int)response.StatusCode}: {body}");
    }

    public void Dispose() => http.Dispose();
}

/// <summary>The control plane's clock (GET/PUT /admin/v1/clock).</summary>
public sealed record ClockState(DateTimeOffset Now, double Rate, double ProcessingDelaySeconds, bool Real = false);

/// <summary>The target could not be used as the contract says (unreachable, control plane refused …).</summary>
public sealed class TargetException(string message) : Exception(message);

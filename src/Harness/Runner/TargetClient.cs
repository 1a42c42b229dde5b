using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConformanceKit.AuthorityContract;

namespace ConformanceKit.Harness.Runner;

/// <summary>An answer to a post: the HTTP status and body (null when the connection failed).</summary>
public sealed record PostResult(int? Status, byte[] Body, string? Error);

/// <summary>
/// The target as the contract describes it (contract.md), over HTTP only, through the typed clients of
/// AuthorityContract: messages and responses with a T-VAN key, the buyer look-up, the authority's certificate, and the
/// control plane with the admin key. Whatever a target answers is recorded as it came; a route it lacks is its status.
/// </summary>
public sealed class TargetClient(HttpClient http, string adminKey) : IDisposable
{
    private readonly AuthorityAdminClient _admin = new(http, adminKey);

    public Uri BaseAddress => http.BaseAddress!;

    public async Task<PostResult> PostMessageAsync(byte[] body, string apiKey, string path, CaseLog log, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.Now;
        try
        {
            var sent = await new AuthorityTvanClient(http, apiKey).SendAsync(body, path, ct);
            log.Record("POST", path, (int)sent.Status, body, sent.Body, at, started);
            return new PostResult((int)sent.Status, sent.Body, null);
        }
        catch (AuthorityApiException e)
        {
            log.Record("POST", path, (int)e.Status, body, e.RawBody, at, started);
            return new PostResult((int)e.Status, e.RawBody, null);
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
        try
        {
            var list = await new AuthorityTvanClient(http, apiKey).ResponsesAsync(messageId, ct);
            return list.Xml.Length == 0 ? (404, [], []) : (200, list.Xml, list.Messages);
        }
        catch (AuthorityApiException e)
        {
            return ((int)e.Status, e.RawBody, []);
        }
    }

    /// <summary>The buyer's look-up of a stored invoice: the status (200 stored, 404 not) and the storing message id.</summary>
    public async Task<(int Status, string? MessageId)> LookUpAsync(string taxCode, string code, CaseLog log, CancellationToken ct)
    {
        var path = $"api/v1/invoices/{Uri.EscapeDataString(taxCode)}/{Uri.EscapeDataString(code)}";
        var started = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.Now;
        // As the operator (admin key): any stored invoice, whoever sent it, without the buyer's total and not rate-limited.
        try
        {
            var found = await _admin.LookUpAsync(taxCode, code, ct: ct);
            log.Record("GET", path, found is null ? 404 : 200, null, [], at, started);
            return (found is null ? 404 : 200, found?.MessageId);
        }
        catch (AuthorityApiException e)
        {
            log.Record("GET", path, (int)e.Status, null, e.RawBody, at, started);
            return ((int)e.Status, null);
        }
        catch (JsonException e)
        {
            log.Record("GET", path, 200, null, Encoding.UTF8.GetBytes(e.Message), at, started);
            throw new TargetException($"GET {path} answered 200 with what is not the invoice's JSON: {e.Message}");
        }
    }

    /// <summary>The authority's signing certificate (PEM at /api/v1/certificate).</summary>
    public async Task<X509Certificate2> CertificateAsync(CancellationToken ct) =>
        X509Certificate2.CreateFromPem(await new AuthorityTvanClient(http, null).CertificateAsync(ct));

    public Task SeedAsync(JsonNode seed, CaseLog log, CancellationToken ct) =>
        AdminAsync(HttpMethod.Post, "admin/v1/seed", seed,
            c => _admin.SeedAsync(seed.Deserialize<SeedDocument>(AuthorityJson.Options) ?? new SeedDocument(), c), log, ct);

    public async Task<ClockState> ClockAsync(CancellationToken ct)
    {
        try
        {
            var clock = await _admin.GetClockAsync(ct);
            return new ClockState(clock.NowValue, clock.Rate, clock.ProcessingDelaySeconds, clock.Real);
        }
        catch (AuthorityApiException e)
        {
            throw new TargetException(e.Status == HttpStatusCode.Unauthorized
                ? "GET admin/v1/clock: the target refused the admin key (401); pass the right one with --admin-key"
                : $"GET admin/v1/clock answered {(int)e.Status}: {e.Body}");
        }
        catch (JsonException e)
        {
            throw new TargetException($"GET admin/v1/clock answered what is not the clock: {e.Message}");
        }
    }

    public Task SetClockAsync(ClockState state, CaseLog log, CancellationToken ct)
    {
        var change = new ClockChange(state.Now, state.Rate, state.ProcessingDelaySeconds);
        return AdminAsync(HttpMethod.Put, "admin/v1/clock", change, c => _admin.SetClockAsync(change, c), log, ct);
    }

    public Task AdvanceClockAsync(int seconds, CaseLog log, CancellationToken ct) =>
        AdminAsync(HttpMethod.Post, "admin/v1/clock/advance", new ClockAdvance(seconds), c => _admin.AdvanceClockAsync(seconds, c), log, ct);

    public Task AddFaultAsync(JsonNode rule, CaseLog log, CancellationToken ct) =>
        AdminAsync(HttpMethod.Post, "admin/v1/faults", rule,
            c => _admin.AddFaultAsync(rule.Deserialize<FaultRule>(AuthorityJson.Options)
                                     ?? throw new TargetException("a fault rule of the catalogue is empty"), c), log, ct);

    public Task ClearFaultsAsync(CaseLog log, CancellationToken ct) =>
        AdminAsync(HttpMethod.Delete, "admin/v1/faults", null, async c => { await _admin.ClearFaultsAsync(ct: c); return (object?)null; }, log, ct);

    /// <summary>POST /admin/v1/reconciliation: the monthly Step 2 over the month (yyyy-MM), its findings and the 302s it sent.</summary>
    public Task<ReconciliationResult> ReconcileAsync(string month, CaseLog log, CancellationToken ct) =>
        AdminAsync(HttpMethod.Post, "admin/v1/reconciliation", new ReconciliationRequest(month), c => _admin.ReconcileAsync(month, c), log, ct);

    /// <summary>GET /admin/v1/messages/{id}/responses: every response to a message, whichever T-VAN it went to (a 302 goes to the T-VAN of the package it answers).</summary>
    public async Task<IReadOnlyList<byte[]>> AdminResponsesAsync(string messageId, CaseLog log, CancellationToken ct)
    {
        var path = $"admin/v1/messages/{messageId}/responses";
        var started = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.Now;
        try
        {
            var list = await _admin.GetResponsesAsync(messageId, ct);
            log.Record("GET", path, list.Xml.Length == 0 ? 404 : 200, null, list.Xml, at, started);
            return list.Messages;
        }
        catch (AuthorityApiException e)
        {
            log.Record("GET", path, (int)e.Status, null, e.RawBody, at, started);
            throw new TargetException($"GET {path} answered {(int)e.Status}: {e.Body}");
        }
    }

    /// <summary>One control-plane call, logged with what was sent and what came back; a refusal is a <see cref="TargetException"/>.</summary>
    private static async Task<T> AdminAsync<T>(HttpMethod method, string path, object? body, Func<CancellationToken, Task<T>> call, CaseLog log,
        CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.Now;
        var sent = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), AuthorityJson.Options);
        try
        {
            var answer = await call(ct);
            log.Record(method.Method, path, 200, sent, answer is null ? [] : JsonSerializer.SerializeToUtf8Bytes(answer, AuthorityJson.Options), at, started);
            return answer;
        }
        catch (AuthorityApiException e)
        {
            log.Record(method.Method, path, (int)e.Status, sent, e.RawBody, at, started);
            throw new TargetException($"{method} {path} answered {(int)e.Status}: {e.Body}");
        }
        catch (JsonException e)
        {
            log.Record(method.Method, path, null, sent, Encoding.UTF8.GetBytes(e.Message), at, started);
            throw new TargetException($"{method} {path}: {e.Message}");
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>The control plane's clock (GET/PUT /admin/v1/clock).</summary>
public sealed record ClockState(DateTimeOffset Now, double Rate, double ProcessingDelaySeconds, bool Real = false);

/// <summary>The target could not be used as the contract says (unreachable, control plane refused …).</summary>
public sealed class TargetException(string message) : Exception(message);

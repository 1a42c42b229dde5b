using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// The observer's only way to the simulator: its control plane over HTTP (<see cref="AuthorityAdminClient"/>, header
/// X-Admin-Key). Every request is recorded as an <see cref="Exchange"/> so the report can show what was read.
/// </summary>
public sealed class SimulatorAdminClient(HttpClient http, string adminKey)
{
    public const string AdminHeader = AuthorityHeaders.AdminKey;
    private const int PageSize = 1000;
    private readonly AuthorityAdminClient _admin = new(http, adminKey);
    private readonly List<Exchange> _exchanges = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<Exchange> Exchanges
    {
        get { lock (_gate) return [.. _exchanges]; }
    }

    /// <summary>The simulator's clock: `now` (GMT+7).</summary>
    public async Task<DateTimeOffset> ClockNowAsync(CancellationToken ct)
    {
        var clock = await CallAsync("clock", "/admin/v1/clock", _admin.GetClockAsync, v => JsonSerializer.SerializeToUtf8Bytes(v, AuthorityJson.Options), ct);
        return clock.NowValue;
    }

    /// <summary>Every journal line of the taxpayer, oldest first, read page by page (one summary exchange).</summary>
    public async Task<IReadOnlyList<JournalView>> JournalAsync(string taxCode, CancellationToken ct)
    {
        var lines = new List<JournalView>();
        long after = 0;
        var pages = 0;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var first = $"/admin/v1/journal?mst={Uri.EscapeDataString(taxCode)}&after=0&limit={PageSize}";
        while (true)
        {
            var path = $"/admin/v1/journal?mst={Uri.EscapeDataString(taxCode)}&after={after}&limit={PageSize}";
            var from = after;
            var page = await CallAsync(null, path, c => _admin.GetJournalAsync(taxCode, after: from, limit: PageSize, ct: c), null, ct);
            pages++;
            lines.AddRange(page.Entries);
            if (page.Entries.Count < PageSize || page.Next <= after) break;
            after = page.Next;
        }
        Record(new Exchange
        {
            Step = "journal", Method = "GET", Url = Absolute(first), Status = 200, At = started,
            DurationMs = clock.ElapsedMilliseconds, ResponseExcerpt = $"{pages} page(s), {lines.Count} line(s) for MST {taxCode}",
        });
        return lines;
    }

    /// <summary>
    /// The simulator's fault rules with how often each fired (GET /admin/v1/faults): what explains a dropped or late 204 or
    /// a 503. Empty when the simulator has no fault routes (404).
    /// </summary>
    public Task<IReadOnlyList<FaultRule>> FaultsAsync(CancellationToken ct) =>
        CallAsync("faults", "/admin/v1/faults", async c =>
        {
            try
            {
                return await _admin.GetFaultsAsync(c);
            }
            catch (AuthorityApiException e) when (e.Status == HttpStatusCode.NotFound)
            {
                return (IReadOnlyList<FaultRule>)[];
            }
        }, v => JsonSerializer.SerializeToUtf8Bytes(v, AuthorityJson.Options), ct);

    /// <summary>The message as received, or null when the simulator does not know it (404).</summary>
    public Task<byte[]?> MessageAsync(string messageId, CancellationToken ct) =>
        CallAsync("message " + messageId, $"/admin/v1/messages/{Uri.EscapeDataString(messageId)}",
            c => _admin.GetMessageAsync(messageId, c), b => b, ct, notFound: true);

    /// <summary>Every response to the message (each TDiep's bytes, oldest first); empty when none (404).</summary>
    public async Task<IReadOnlyList<byte[]>> ResponsesAsync(string messageId, CancellationToken ct)
    {
        var list = await CallAsync("responses " + messageId, $"/admin/v1/messages/{Uri.EscapeDataString(messageId)}/responses",
            c => _admin.GetResponsesAsync(messageId, c), l => l.Xml, ct, notFound: true);
        return list.Messages;
    }

    /// <summary>
    /// One call: recorded (when <paramref name="step"/> is given) with its status and an excerpt of what came back; a
    /// failure becomes an <see cref="ObserveException"/> that says what to do.
    /// </summary>
    private async Task<T> CallAsync<T>(string? step, string path, Func<CancellationToken, Task<T>> call, Func<T, byte[]?>? body,
        CancellationToken ct, bool notFound = false)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await call(ct);
            var bytes = result is null ? null : body?.Invoke(result);
            var status = result is null || (result is MessageList { Xml.Length: 0 }) ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            if (step is not null)
                Record(new Exchange
                {
                    Step = step, Method = "GET", Url = Absolute(path), Status = notFound ? (int)status : 200, At = started,
                    DurationMs = clock.ElapsedMilliseconds, ResponseExcerpt = Excerpt(bytes ?? []),
                });
            return result;
        }
        catch (AuthorityApiException e)
        {
            if (step is not null)
                Record(new Exchange
                {
                    Step = step, Method = "GET", Url = Absolute(path), Status = (int)e.Status, At = started,
                    DurationMs = clock.ElapsedMilliseconds, ResponseExcerpt = Excerpt(Encoding.UTF8.GetBytes(e.Body)),
                });
            if (e.Status == HttpStatusCode.Unauthorized)
                throw new ObserveException($"the simulator at {http.BaseAddress} refused the admin key (401 on {path}); pass --admin-key or set CK_ADMIN_KEY");
            throw new ObserveException($"{path}: the simulator answered {(int)e.Status} {e.Status}: {Excerpt(Encoding.UTF8.GetBytes(e.Body))}");
        }
        catch (HttpRequestException ex)
        {
            throw new ObserveException($"cannot reach the simulator at {http.BaseAddress}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ObserveException($"the simulator at {http.BaseAddress} did not answer {path} in time", ex);
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException)
        {
            throw new ObserveException($"{path}: the simulator answered what the contract does not describe: {ex.Message}", ex);
        }
    }

    private void Record(Exchange exchange)
    {
        lock (_gate) _exchanges.Add(exchange);
    }

    private string Absolute(string path) => http.BaseAddress is { } b ? new Uri(b, path).ToString() : path;

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400));
        return body.Length > 400 ? text + "…" : text;
    }
}

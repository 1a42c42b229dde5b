using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// The observer's only way to the simulator: its control plane over HTTP (header X-Admin-Key). Every request is
/// recorded as an <see cref="Exchange"/> so the report can show what was read.
/// </summary>
public sealed class SimulatorAdminClient(HttpClient http, string adminKey)
{
    public const string AdminHeader = "X-Admin-Key";
    private const int PageSize = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<Exchange> _exchanges = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<Exchange> Exchanges
    {
        get { lock (_gate) return [.. _exchanges]; }
    }

    /// <summary>The simulator's clock: `now` (GMT+7).</summary>
    public async Task<DateTimeOffset> ClockNowAsync(CancellationToken ct)
    {
        var (status, body) = await SendAsync("clock", "/admin/v1/clock", ct);
        Expect(status, body, "/admin/v1/clock");
        using var doc = JsonDocument.Parse(body);
        var now = doc.RootElement.GetProperty("now").GetString();
        return DateTimeOffset.Parse(now!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every journal line of the taxpayer, oldest first, read page by page (one summary exchange).</summary>
    public async Task<IReadOnlyList<JournalLine>> JournalAsync(string taxCode, CancellationToken ct)
    {
        var lines = new List<JournalLine>();
        long after = 0;
        var pages = 0;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var first = $"/admin/v1/journal?mst={Uri.EscapeDataString(taxCode)}&after=0&limit={PageSize}";
        while (true)
        {
            var path = $"/admin/v1/journal?mst={Uri.EscapeDataString(taxCode)}&after={after}&limit={PageSize}";
            var (status, body) = await SendAsync(null, path, ct);
            Expect(status, body, path);
            var page = JsonSerializer.Deserialize<JournalPage>(body, Json)
                ?? throw new ObserveException($"{path}: the simulator answered an empty journal page");
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

    /// <summary>The message as received, or null when the simulator does not know it (404).</summary>
    public async Task<byte[]?> MessageAsync(string messageId, CancellationToken ct)
    {
        var path = $"/admin/v1/messages/{Uri.EscapeDataString(messageId)}";
        var (status, body) = await SendAsync("message " + messageId, path, ct);
        if (status == HttpStatusCode.NotFound) return null;
        Expect(status, body, path);
        return body;
    }

    /// <summary>Every response to the message (each TDiep's bytes, oldest first); empty when none (404).</summary>
    public async Task<IReadOnlyList<byte[]>> ResponsesAsync(string messageId, CancellationToken ct)
    {
        var path = $"/admin/v1/messages/{Uri.EscapeDataString(messageId)}/responses";
        var (status, body) = await SendAsync("responses " + messageId, path, ct);
        if (status == HttpStatusCode.NotFound) return [];
        Expect(status, body, path);
        return ResponseList.Split(body);
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(string? step, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(AdminHeader, adminKey);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new ObserveException($"cannot reach the simulator at {http.BaseAddress}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ObserveException($"the simulator at {http.BaseAddress} did not answer {path} in time", ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (step is not null)
                Record(new Exchange
                {
                    Step = step, Method = "GET", Url = Absolute(path), Status = (int)response.StatusCode, At = started,
                    DurationMs = clock.ElapsedMilliseconds, ResponseExcerpt = Excerpt(body),
                });
            return (response.StatusCode, body);
        }
    }

    private void Expect(HttpStatusCode status, byte[] body, string path)
    {
        if (status == HttpStatusCode.OK) return;
        if (status == HttpStatusCode.Unauthorized)
            throw new ObserveException($"the simulator at {http.BaseAddress} refused the admin key (401 on {path}); pass --admin-key or set CK_ADMIN_KEY");
        throw new ObserveException($"{path}: the simulator answered {(int)status} {status}: {Excerpt(body)}");
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

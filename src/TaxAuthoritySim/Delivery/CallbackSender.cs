using System.Net.Http.Headers;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Delivery;

/// <summary>
/// POSTs each response TDiep to its T-VAN's callbackUrl (application/xml). A non-2xx or a network
/// error is retried with exponential back-off on the simulated clock (1 s, 2 s, 4 s … at most 5 min),
/// for ever: delivery is at least once, receivers de-duplicate by MTDiep.
/// </summary>
public sealed class CallbackSender(
    ISimulatorStore store,
    RegistryService registry,
    IHttpClientFactory http,
    ILogger<CallbackSender> log)
{
    public const string ClientName = "callbacks";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    public async Task SendDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await store.DueCallbacksAsync(now, 64, ct);
        if (due.Count == 0) return;
        var client = http.CreateClient(ClientName);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (response, token) => await SendOne(client, response, now, token));
    }

    private async Task SendOne(HttpClient client, OutboundResponse response, DateTimeOffset now, CancellationToken ct)
    {
        var tvan = registry.Current.Tvans.GetValueOrDefault(response.TvanCode);
        if (tvan?.CallbackUrl is not { } url)
        {
            // The T-VAN no longer has a callback: nothing to push (it can still poll).
            await store.UpdateCallbackAsync(response.Seq, CallbackState.None, response.CallbackAttempts, null, "no callbackUrl", ct);
            return;
        }
        var attempts = response.CallbackAttempts + 1;
        string? error;
        try
        {
            using var content = new ByteArrayContent(response.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            request.Headers.Add("X-MTDiep", response.ResponseId);
            request.Headers.Add("X-MLTDiep", response.Type);
            using var answer = await client.SendAsync(request, ct);
            if (answer.IsSuccessStatusCode)
            {
                await store.UpdateCallbackAsync(response.Seq, CallbackState.Delivered, attempts, null, null, ct);
                return;
            }
            error = $"HTTP {(int)answer.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            error = ex.Message;
        }
        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 20))));
        log.LogInformation("Callback of {ResponseId} to {Url} failed ({Error}); attempt {Attempts}, next in {Backoff}",
            response.ResponseId, url, error, attempts, backoff);
        await store.UpdateCallbackAsync(response.Seq, CallbackState.Pending, attempts, now + backoff, error, ct);
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ConformanceKit.Harness.Chaos;

/// <summary>
/// POS clients ringing sales up through the provider's API. A sale whose answer is lost (the provider
/// was killed) is sent again with the same sale id until an answer comes, as a real POS must.
/// </summary>
internal sealed class ChaosClients(Uri provider, ChaosOptions options)
{
    private int _retries;
    private int _answered;

    /// <summary>The code each sale id was answered with.</summary>
    public ConcurrentDictionary<string, string> Answers { get; } = new(StringComparer.Ordinal);

    public int Retries => _retries;

    public int Answered => _answered;

    public static string SaleId(int i) => "chaos-" + i.ToString("D6", CultureInfo.InvariantCulture);

    public async Task RunAsync(CancellationToken ct)
    {
        var next = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = provider, Timeout = TimeSpan.FromSeconds(10) };
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async client =>
        {
            var random = new Random(options.Seed + client);
            int i;
            while ((i = Interlocked.Increment(ref next)) <= options.Sales)
            {
                if (options.Rate > 0 && TimeSpan.FromSeconds(i / options.Rate) - started.Elapsed is { Ticks: > 0 } wait)
                    await Task.Delay(wait, ct); // sale i is due at i / rate seconds
                await SellAsync(http, i, random, ct);
                Interlocked.Increment(ref _answered);
            }
        }));
    }

    private async Task SellAsync(HttpClient http, int i, Random random, CancellationToken ct)
    {
        var saleId = SaleId(i);
        var body = new
        {
            saleId, registerId = "quay-" + (1 + i % 3).ToString(CultureInfo.InvariantCulture),
            lines = new[] { new { name = "Bánh mì", unit = "Cái", quantity = 1 + random.Next(3), unitPrice = 15000 + 1000 * random.Next(20), rate = "8%" } },
        };
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var response = await http.PostAsJsonAsync("api/v1/sales", body, ct);
                if (response.IsSuccessStatusCode)
                {
                    var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    Answers[saleId] = answer.GetProperty("code").GetString()!;
                    return;
                }
                if ((int)response.StatusCode < 500)
                    throw new InvalidOperationException($"sale {saleId} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException && !ct.IsCancellationRequested)
            {
                // the provider is down or was killed mid-answer: ask again, same sale id
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(50, ct);
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ConformanceKit.Harness.Chaos;

/// <summary>
/// The shop's corrections during the chaos run (docs/corrections.md): cancel, replace, adjust up or down of sales already
/// answered, through the provider's API, while it is being killed. One in five names an invoice corrected already, so
/// the chain rules refuse some. A correction whose answer is lost is asked again as it was (a replacement or an
/// adjustment under the same saleId gets the first one back), as a real POS must.
/// </summary>
internal sealed class ChaosCorrections(Uri provider, ChaosOptions options, ChaosClients sales)
{
    private int _retries;
    private int _refused;

    /// <summary>What each correction request (its id) was answered: the new invoice's code, "cancel", or the refusal.</summary>
    public ConcurrentDictionary<string, string> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>The invoices each request corrected (request id → original code).</summary>
    public ConcurrentDictionary<string, string> Originals { get; } = new(StringComparer.Ordinal);

    public int Count => Math.Min(options.Corrections, options.Sales / 5);

    public int Retries => _retries;

    public int Refused => _refused;

    public static string RequestId(int k) => "chaos-fix-" + k.ToString("D4", CultureInfo.InvariantCulture);

    public async Task RunAsync(CancellationToken ct)
    {
        var random = new Random(options.Seed ^ 0x303);
        using var http = new HttpClient { BaseAddress = provider, Timeout = TimeSpan.FromSeconds(10) };
        var corrected = new List<string>();
        for (var k = 1; k <= Count; k++)
        {
            // Spread over the sales: correction k waits for its share of them to be answered.
            while (sales.Answered < (long)options.Sales * k / (Count + 1) && sales.Answered < options.Sales) await Task.Delay(50, ct);
            var answered = sales.Answers.Values.ToList();
            var original = corrected.Count > 0 && random.Next(5) == 0 ? corrected[random.Next(corrected.Count)] : answered[random.Next(answered.Count)];
            var kind = random.Next(4) switch { 0 => "cancel", 1 => "replace", 2 => "increase", _ => "decrease" };
            var id = RequestId(k);
            Originals[id] = original;
            var answer = await AskAsync(http, id, kind, original, ct);
            Answers[id] = answer;
            if (!answer.StartsWith("refused", StringComparison.Ordinal)) corrected.Add(original);
            else Interlocked.Increment(ref _refused);
        }
    }

    private async Task<string> AskAsync(HttpClient http, string id, string kind, string code, CancellationToken ct)
    {
        var lines = new[] { new { name = "Bánh mì", unit = "Cái", quantity = 1, unitPrice = 15000, rate = "8%" } };
        object body = kind switch
        {
            "cancel" => new { reason = "Hủy do bán nhầm (" + id + ")" },
            "replace" => new { saleId = id, reason = "Sai tên người mua", lines, buyer = new { name = "Công ty TNHH Minh Anh", taxCode = "0309478306" } },
            _ => new { saleId = id, direction = kind, lines },
        };
        var route = $"api/v1/invoices/{Uri.EscapeDataString(code)}/{(kind is "increase" or "decrease" ? "adjust" : kind)}";
        var lost = false;
        var deadline = DateTime.UtcNow + options.DrainTimeout;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var response = await http.PostAsJsonAsync(route, body, ct);
                var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                if (response.IsSuccessStatusCode)
                    return kind == "cancel" ? "cancel" : json.GetProperty(kind == "replace" ? "replacement" : "adjustment").GetProperty("code").GetString()!;
                var detail = json.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
                if (response.StatusCode == HttpStatusCode.Conflict && detail.Contains("only an invoice the authority accepted", StringComparison.Ordinal)
                    && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(300, ct); // its 204 is not in yet: ask again later
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.Conflict)
                    return (lost && kind == "cancel" && detail.Contains("cancel", StringComparison.Ordinal) ? "cancel (answer lost): " : "refused: ") + detail;
                if ((int)response.StatusCode < 500)
                    throw new InvalidOperationException($"correction {id} refused: {(int)response.StatusCode} {detail}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException && !ct.IsCancellationRequested)
            {
                lost = true; // the provider is down or was killed mid-answer: ask again, the same request
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(50, ct);
        }
    }
}

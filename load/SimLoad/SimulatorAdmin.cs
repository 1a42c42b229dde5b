using System.Diagnostics;

namespace ConformanceKit.Load.SimLoad;

/// <summary>The bits of the control plane the runner uses: wait for /health, reset the store.</summary>
public static class SimulatorAdmin
{
    public static async Task WaitHealthyAsync(Uri baseAddress, TimeSpan timeout, Func<string?>? whyDead, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        string last = "no answer";
        while (watch.Elapsed < timeout)
        {
            if (whyDead?.Invoke() is { } dead) throw new InvalidOperationException(dead);
            try
            {
                using var response = await client.GetAsync("/health", cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode == 200) return;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "timeout";
            }
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException($"{baseAddress}health did not answer 200 within {timeout.TotalSeconds:N0} s ({last})");
    }

    public static async Task ResetAsync(Uri baseAddress, string adminKey, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/reset");
        request.Headers.Add("X-Admin-Key", adminKey);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"POST /admin/v1/reset answered HTTP {(int)response.StatusCode}: {body}");
        }
    }
}

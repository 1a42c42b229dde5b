using System.Diagnostics;
using ConformanceKit.AuthorityContract;

namespace ConformanceKit.Load.SimLoad;

/// <summary>The bits of the contract the runner uses, through its typed clients: wait for /health, reset the store.</summary>
public static class SimulatorAdmin
{
    public static async Task WaitHealthyAsync(Uri baseAddress, TimeSpan timeout, Func<string?>? whyDead, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var simulator = new AuthorityTvanClient(client, apiKey: null);
        var watch = Stopwatch.StartNew();
        string last = "no answer";
        while (watch.Elapsed < timeout)
        {
            if (whyDead?.Invoke() is { } dead) throw new InvalidOperationException(dead);
            try
            {
                var health = await simulator.HealthAsync(cancellationToken).ConfigureAwait(false);
                if (health.IsReady) return;
                last = $"HTTP 503 ({health.Status})";
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
        try
        {
            await new AuthorityAdminClient(client, adminKey).ResetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AuthorityApiException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Harness.Chaos;

/// <summary>
/// The chaos test of the reference pipeline (issue 5, seed 000's "duplicated or lost numbers"): an
/// simulator (hosted by the caller, reached over HTTP) with faults on, `ck provider` in a child process killed with SIGKILL at
/// random moments and restarted, POS clients ringing sales up all along. At the end the checks of
/// <see cref="ChaosVerifier"/> run against the provider's store and the simulator.
/// </summary>
public sealed class ChaosRun(ChaosOptions options, Action<string>? progress = null)
{
    public async Task<ChaosReport> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.WorkFolder);
        await using var simulator = await options.StartSimulator(Path.Combine(options.WorkFolder, "simulator"), ct);
        if (options.Faults) await AddFaultsAsync(simulator.Address, ct);
        var port = ProviderProcess.FreePort();
        var providerUrl = new Uri($"http://127.0.0.1:{port}/");
        var db = Path.Combine(options.WorkFolder, "provider.db");
        string[] arguments =
        [
            "provider", "--db", db, "--listen", providerUrl.ToString().TrimEnd('/'), "--target", simulator.Address.ToString(),
            "--sync", "periodic", "--batch-size", options.BatchSize.ToString(CultureInfo.InvariantCulture), "--interval", "0.3",
            "--retry-max", "1",
        ];
        using var provider = new ProviderProcess(options, arguments, Path.Combine(options.WorkFolder, "provider.log"));
        using var http = new HttpClient { BaseAddress = providerUrl, Timeout = TimeSpan.FromSeconds(5) };
        var random = new Random(options.Seed);
        var clients = new ChaosClients(providerUrl, options);
        var corrections = new ChaosCorrections(providerUrl, options, clients);
        using var stopClients = CancellationTokenSource.CreateLinkedTokenSource(ct);

        provider.Start();
        await WaitHealthyAsync(http, provider, ct);
        var selling = Task.WhenAll(clients.RunAsync(stopClients.Token), corrections.RunAsync(stopClients.Token));
        var kills = 0;
        while (kills < options.Kills)
        {
            await Task.Delay(random.Next(options.KillAfterMs.Min, options.KillAfterMs.Max), ct);
            if (selling.IsFaulted) break;
            await provider.KillAsync();
            kills++;
            progress?.Invoke($"kill {kills}/{options.Kills}: {clients.Answered}/{options.Sales} sales answered");
            provider.Start();
            await WaitHealthyAsync(http, provider, ct);
        }
        progress?.Invoke($"{kills} kills done; waiting for the remaining sales and their 204s");
        await selling.WaitAsync(options.DrainTimeout, ct);
        await DrainAsync(http, provider, ct);
        await provider.KillAsync(); // the checks read its store directly

        var faults = await FaultsFiredAsync(simulator.Address, ct);
        var verifier = new ChaosVerifier(options.ReadStore(db), simulator.Address, options.Sales, clients.Answers, corrections);
        var checks = await verifier.CheckAsync(ct);
        return new ChaosReport
        {
            Sales = options.Sales, Kills = kills, Restarts = provider.Starts - 1, Invoices = verifier.InvoiceCount,
            Packages = verifier.PackageCount, SendRetries = verifier.SendRetries, ClientRetries = clients.Retries + corrections.Retries,
            Corrections = corrections.Answers.Count, CorrectionsRefused = corrections.Refused,
            FaultsFired = faults, Elapsed = clock.Elapsed, Checks = checks, WorkFolder = options.WorkFolder,
        };
    }

    /// <summary>Everything but a dropped 204 (a package without its 204 could not pass the last check by design).</summary>
    private async Task AddFaultsAsync(Uri simulator, CancellationToken ct)
    {
        using var http = Http(simulator);
        var admin = new AuthorityAdminClient(http, DemoData.AdminKey);
        await admin.ClearFaultsAsync(options.Seed, ct);
        FaultRule[] rules =
        [
            new() { Action = FaultAction.Status503, Route = "/api/v1/messages", Probability = 0.10 },
            new() { Action = FaultAction.CloseConnection, Route = "/api/v1/messages", Probability = 0.05 },
            new() { Action = FaultAction.Delay999, Route = "/api/v1/messages", DelaySeconds = 1, Probability = 0.05 },
            new() { Action = FaultAction.Duplicate204, Probability = 0.10 },
            new() { Action = FaultAction.Delay204, DelaySeconds = 2, Probability = 0.10 },
        ];
        foreach (var rule in rules) await admin.AddFaultAsync(rule, ct);
    }

    private static async Task<IReadOnlyDictionary<string, long>> FaultsFiredAsync(Uri simulator, CancellationToken ct)
    {
        using var http = Http(simulator);
        var rules = await new AuthorityAdminClient(http, DemoData.AdminKey).GetFaultsAsync(ct);
        return rules.GroupBy(r => r.Action.ToString()).ToDictionary(g => g.Key, g => g.Sum(r => (long)r.Fired));
    }

    private async Task WaitHealthyAsync(HttpClient http, ProviderProcess provider, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("health", ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { }
            if (provider.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"the provider did not start:\n{provider.Tail()}");
            await Task.Delay(50, ct);
        }
    }

    /// <summary>Waits until every invoice is accepted and no package waits to be sent or answered.</summary>
    private async Task DrainAsync(HttpClient http, ProviderProcess provider, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + options.DrainTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var status = await http.GetFromJsonAsync<JsonElement>("api/v1/status", ct);
                var invoices = status.GetProperty("invoices");
                var packages = status.GetProperty("packages");
                last = status.ToString();
                // Every invoice accepted, or cancelled by an accepted 303 (replacements and adjustments are invoices too).
                var settled = invoices.EnumerateObject().Where(p => p.Name is "accepted" or "cancelled").Sum(p => p.Value.GetInt32());
                var all = invoices.EnumerateObject().Sum(p => p.Value.GetInt32());
                var open = packages.EnumerateObject().Where(p => p.Name is "to-sign" or "ready" or "acknowledged").Sum(p => p.Value.GetInt32());
                if (settled == all && all >= options.Sales && open == 0) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { }
            await Task.Delay(200, ct);
        }
        progress?.Invoke($"the provider did not settle within {options.DrainTimeout}: {last}\n{provider.Tail()}");
    }

    private static HttpClient Http(Uri simulator) => new() { BaseAddress = simulator, Timeout = TimeSpan.FromSeconds(30) };
}

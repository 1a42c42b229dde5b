using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Import;
using ConformanceKit.Provider.Signing;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.Conformance.Commands.Provider;

/// <summary>`ck provider`: runs the provider until Ctrl+C; its subcommands talk to a running one over its API.</summary>
public sealed class ProviderCommand(CliIO io)
{
    public async Task<int> RunAsync(ProviderOptions options, string listen, string? sign, string? signPassword, string? signerKey,
        string? watch, string? pollTable, TimeSpan importInterval, CancellationToken ct)
    {
        IPackageSigner signer;
        try
        {
            signer = sign is null ? DefaultSigner(options) : PackageSignerFactory.Create(sign, signPassword, signerKey);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException)
        {
            await io.Error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.Usage;
        }
        ProviderHost host;
        try
        {
            host = await ProviderHost.StartAsync(options, signer, listen,
                logging => logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss "; })
                    .SetMinimumLevel(LogLevel.Information)
                    .AddFilter("Microsoft", LogLevel.Warning)
                    .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None), ct: ct); // a failed start is reported once, below
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            (signer as IDisposable)?.Dispose();
            await io.Error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.Usage;
        }
        await using (host)
        {
            if (watch is not null)
            {
                Directory.CreateDirectory(watch);
                var watcher = new SaleFolderWatcher(host.Engine, watch, importInterval, log: host.Logger("import"));
                host.AddLoop(watcher.RunAsync);
            }
            if (pollTable is not null)
            {
                var poller = new IntermediateTablePoller(host.Engine,
                    pollTable.Contains('=', StringComparison.Ordinal) ? pollTable : "Data Source=" + pollTable, importInterval, log: host.Logger("table"));
                poller.EnsureSchema();
                host.AddLoop(poller.RunAsync);
            }
            await io.Out.WriteLineAsync($"ck provider: API on {host.Address} (POST /api/v1/sales, GET /api/v1/status, /openapi/v1.json)");
            await io.Out.WriteLineAsync($"  seller {options.Register.SellerTaxCode}, block {options.Register.Block}; store {Path.GetFullPath(options.Database)}");
            await io.Out.WriteLineAsync($"  sends to {options.Target} as {options.TvanCode}; sync {options.Sync.ToString().ToLowerInvariant()}" +
                $" (batch {options.BatchSize}, {options.BatchInterval.TotalSeconds:0.#} s); signing {signer.Mode}");
            if (watch is not null) await io.Out.WriteLineAsync($"  watching {Path.GetFullPath(watch)} for sale files");
            if (pollTable is not null) await io.Out.WriteLineAsync($"  polling ck_sales in {pollTable}");
            await io.Out.WriteLineAsync("Ctrl+C stops; nothing issued is lost.");
            await io.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.WhenAny(host.Completion, Task.Delay(Timeout.Infinite, ct));
            }
            catch (OperationCanceledException) { /* Ctrl+C */ }
        }
        (signer as IDisposable)?.Dispose();
        return ExitCodes.Ok;
    }

    /// <summary>The simulator accepts any certificate naming the seller's MST: make one once, keep it beside the store.</summary>
    private static PfxPackageSigner DefaultSigner(ProviderOptions options)
    {
        var path = Path.ChangeExtension(Path.GetFullPath(options.Database), ".seller.pfx");
        if (!File.Exists(path))
        {
            using var certificate = SamplePackageBuilder.CreateCertificate(options.Register.SellerTaxCode, options.Register.SellerName);
            File.WriteAllBytes(path, TestCertificates.ExportPfx(certificate, null));
        }
        return new PfxPackageSigner(path);
    }

    public Task<int> FlushAsync(Uri provider, CancellationToken ct) => CallAsync(provider, HttpMethod.Post, "api/v1/packages/flush", ct);

    public Task<int> StatusAsync(Uri provider, CancellationToken ct) => CallAsync(provider, HttpMethod.Get, "api/v1/status", ct);

    public Task<int> RetryAsync(Uri provider, bool includeRejected, CancellationToken ct) =>
        CallAsync(provider, HttpMethod.Post, "api/v1/retry" + (includeRejected ? "?includeRejected=true" : ""), ct);

    /// <summary>`ck sign`: signs every package in the provider's to-sign queue with the key here (the USB token's place).</summary>
    public async Task<int> SignAsync(Uri provider, string pfx, string? password, CancellationToken ct)
    {
        PfxPackageSigner signer;
        try
        {
            signer = new PfxPackageSigner(pfx, password);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException)
        {
            await io.Error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.Usage;
        }
        using (signer)
        using (var http = new HttpClient { BaseAddress = provider, Timeout = TimeSpan.FromSeconds(60) })
        {
            try
            {
                var waiting = await http.GetFromJsonAsync<JsonElement>("api/v1/packages?state=" + PackageState.ToSign, ct);
                var ids = waiting.EnumerateArray().Select(p => p.GetProperty("messageId").GetString()!).ToList();
                await io.Out.WriteLineAsync($"{ids.Count} package(s) to sign with {signer.Certificate.Subject}");
                var signedCount = 0;
                foreach (var id in ids)
                {
                    var unsigned = await http.GetByteArrayAsync($"api/v1/packages/{id}/unsigned", ct);
                    var signed = await signer.SignAsync(unsigned, DateTime.UtcNow.AddHours(7), ct);
                    using var body = new ByteArrayContent(signed!);
                    body.Headers.ContentType = new("application/xml");
                    using var answer = await http.PutAsync($"api/v1/packages/{id}/signed", body, ct);
                    if (answer.IsSuccessStatusCode)
                    {
                        signedCount++;
                        await io.Out.WriteLineAsync($"  signed {id}");
                    }
                    else await io.Error.WriteLineAsync($"  {id}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}");
                }
                await io.Out.WriteLineAsync($"{signedCount} of {ids.Count} signed; the provider sends them now");
                return signedCount == ids.Count ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (HttpRequestException e)
            {
                await io.Error.WriteLineAsync($"error: cannot reach the provider at {provider}: {e.Message}");
                return ExitCodes.HarnessError;
            }
        }
    }

    private async Task<int> CallAsync(Uri provider, HttpMethod method, string path, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = provider, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var request = new HttpRequestMessage(method, path);
            using var answer = await http.SendAsync(request, ct);
            var text = await answer.Content.ReadAsStringAsync(ct);
            try
            {
                text = JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(text), Indented);
            }
            catch (JsonException) { /* print as is */ }
            await (answer.IsSuccessStatusCode ? io.Out : io.Error).WriteLineAsync(text);
            return answer.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (HttpRequestException e)
        {
            await io.Error.WriteLineAsync($"error: cannot reach the provider at {provider}: {e.Message}");
            return ExitCodes.HarnessError;
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}

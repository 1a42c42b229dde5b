using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>
/// The simulator hosted inside another process (`ck run`, `ck chaos`, tests, ck load): a real Kestrel server
/// on a loopback port with an embedded SQLite store in a fresh folder. Clients reach it over HTTP like any other target.
/// </summary>
public sealed class InProcessSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _ownedFolder;

    private InProcessSimulator(WebApplication app, Uri address, string dataFolder, string? ownedFolder)
    {
        _app = app;
        Address = address;
        DataFolder = dataFolder;
        _ownedFolder = ownedFolder;
    }

    public Uri Address { get; }
    public string DataFolder { get; }

    /// <param name="dataFolder">Where the store goes; null = a temporary folder removed afterwards.</param>
    public static Task<InProcessSimulator> StartAsync(string? dataFolder = null, CancellationToken ct = default) => StartAsync(dataFolder, [], ct);

    /// <param name="dataFolder">Where the store goes; null = a temporary folder removed afterwards.</param>
    /// <param name="extraArgs">More command-line options of the simulator, e.g. <c>--store postgres://…</c> (load tests on PostgreSQL).</param>
    public static async Task<InProcessSimulator> StartAsync(string? dataFolder, IReadOnlyList<string> extraArgs, CancellationToken ct = default)
    {
        var owned = dataFolder is null ? Directory.CreateTempSubdirectory("ck-run-").FullName : null;
        var folder = dataFolder ?? owned!;
        Directory.CreateDirectory(folder);
        var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--data", folder, .. extraArgs], builder =>
        {
            builder.Logging.ClearProviders(); // the run's progress display owns the console
            builder.Logging.AddFilter(_ => false);
        });
        await app.StartAsync(ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        var simulator = new InProcessSimulator(app, address, folder, owned);
        await simulator.WaitUntilReadyAsync(ct);
        return simulator;
    }

    /// <summary>Start-up (migrations, seed, certificate) runs after Kestrel listens; until then /health answers 503.</summary>
    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await http.GetAsync("health", ct)).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the in-process simulator at {Address} did not become ready");
            await Task.Delay(50, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownedFolder is not null)
            try { Directory.Delete(_ownedFolder, recursive: true); }
            catch (IOException) { /* a file still held: the temp folder is cleaned by the OS */ }
    }
}

using System.Net;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ConformanceKit.TaxAuthoritySim.Tests.Pages;

/// <summary>
/// The simulator served for real (Kestrel on a free loopback port), so a browser can reach it;
/// WebApplicationFactory's TestServer is in-memory. Own data folder per fixture, so classes run in parallel.
/// </summary>
public sealed class LiveSimulator : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ck-sim-pages", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--data", DataDirectory]);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var bound = addresses?.FirstOrDefault() ?? _app.Urls.FirstOrDefault()
            ?? throw new InvalidOperationException("the simulator reported no bound address");
        BaseAddress = new Uri(bound);

        using var client = Client();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var health = await client.GetAsync("/health");
            if (health.StatusCode == HttpStatusCode.OK) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the simulator at {BaseAddress} did not become ready");
            await Task.Delay(50);
        }
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client with the demo T-VAN's key.</summary>
    public HttpClient Tvan()
    {
        var client = Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", DemoData.TvanApiKey);
        return client;
    }

    /// <summary>A valid signed package for the demo taxpayer, dated today (GMT+7) and signed now.</summary>
    public static byte[] TodaysPackage(int invoices = 3)
    {
        var now = DateTimeOffset.UtcNow;
        return SamplePackageBuilder.BuildSigned(new SamplePackageOptions
        {
            Invoices = invoices,
            FirstSerial = Packages.Serials(invoices),
            MessageGuid = Guid.NewGuid(),
            IssueDate = VietnamTime.Date(now),
        }, Packages.DemoCertificate, VietnamTime.Local(now));
    }

    /// <summary>Posts a package and waits for its 204 (real time).</summary>
    public async Task<string> SendAsync(byte[] package)
    {
        using var tvan = Tvan();
        var posted = await tvan.PostMessageAsync(package);
        Assert.True(posted.Status == HttpStatusCode.OK && posted.Ack?.Status == 0,
            $"the package was not taken: HTTP {(int)posted.Status} {System.Text.Encoding.UTF8.GetString(posted.Body)}");
        var id = Packages.IdOf(package);
        await tvan.WaitForAsync(id, "204", timeout: TimeSpan.FromSeconds(30));
        return id;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The live simulator and one headless Chromium, shared by a test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public LiveSimulator Simulator { get; } = new();

    public Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Simulator.InitializeAsync();
        try
        {
            Browser = await Browser.LaunchAsync();
        }
        catch
        {
            await Simulator.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

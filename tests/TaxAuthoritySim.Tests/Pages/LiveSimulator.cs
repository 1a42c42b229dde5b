using System.Net;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Pages;

/// <summary>
/// The simulator served for real (TaxAuthoritySim.Hosting.InProcessSimulator: Kestrel on a free loopback port), so a
/// browser can reach it; WebApplicationFactory's TestServer is in-memory. Own data folder per fixture, so classes run in
/// parallel.
/// </summary>
public sealed class LiveSimulator : IAsyncLifetime
{
    private InProcessSimulator? _simulator;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ck-sim-pages", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _simulator = await InProcessSimulator.StartAsync(DataDirectory);
        BaseAddress = _simulator.Address;
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
        if (_simulator is not null) await _simulator.DisposeAsync();
        TestFolder.Delete(DataDirectory);
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

using System.Net;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Pages;

/// <summary>
/// The simulator served for real (Kestrel on a free loopback port, the shared <see cref="ObservedSimulator"/>), so a
/// browser can reach it; WebApplicationFactory's TestServer is in-memory. Own data folder per fixture.
/// </summary>
public sealed class LiveSimulator : IAsyncLifetime
{
    private readonly ObservedSimulator _simulator = new();

    public Uri BaseAddress => _simulator.BaseAddress;

    public Task InitializeAsync() => _simulator.InitializeAsync();

    public HttpClient Client() => _simulator.Client();

    /// <summary>A client with the demo T-VAN's key.</summary>
    public HttpClient Tvan() => _simulator.Tvan();

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

    public Task DisposeAsync() => _simulator.DisposeAsync();
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

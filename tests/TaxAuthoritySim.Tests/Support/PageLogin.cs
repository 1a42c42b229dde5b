using System.Net;
using System.Net.Http.Json;
using System.Xml;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConformanceKit.TaxAuthoritySim.Tests.Support;

/// <summary>Logging in to the operator pages, a second T-VAN, and the buyer's total of an invoice, for the page tests.</summary>
public static class PageLogin
{
    public const string OtherTvanCode = "V0100109106";
    public const string OtherTvanKey = "other-tvan-key";

    /// <summary>A client with its own cookie jar, not following redirects.</summary>
    public static HttpClient Browser(this WebApplicationFactory<Program> sim) =>
        sim.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the login form; the response (303 on success).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string key, string? returnTo = null)
    {
        var fields = new Dictionary<string, string> { ["key"] = key };
        if (returnTo is not null) fields["return"] = returnTo;
        return await client.PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>A client logged in to the pages with <paramref name="key"/> (the admin key by default).</summary>
    public static async Task<HttpClient> LoggedInAsync(this WebApplicationFactory<Program> sim, string key = DemoData.AdminKey)
    {
        var client = sim.Browser();
        using var response = await client.PostLoginAsync(key);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return client;
    }

    /// <summary>Adds a second T-VAN (<see cref="OtherTvanCode"/>, key <see cref="OtherTvanKey"/>) to the registry.</summary>
    public static async Task AddOtherTvanAsync(this SimulatorFactory sim)
    {
        using var seeded = await sim.Admin().PostAsJsonAsync("/admin/v1/seed", new
        {
            tvans = new[]
            {
                new { code = OtherTvanCode, name = "T-VAN B", apiKey = OtherTvanKey, callbackUrl = (string?)null,
                      contract = new { from = "2025-01-01", to = "2027-12-31", status = "active" } },
            },
        });
        seeded.EnsureSuccessStatusCode();
    }

    /// <summary>The total to pay (TgTTTBSo) of invoice <paramref name="index"/> (0-based) of a package, as written in it.</summary>
    public static string TotalOf(byte[] package, int index = 0)
    {
        var doc = SafeXml.LoadDocument(package);
        var invoice = doc.SelectNodes("/TDiep/DLieu/HDon")![index]!;
        return invoice.SelectSingleNode(".//TToan/TgTTTBSo")!.InnerText.Trim();
    }
}

/// <summary>A wall clock the tests move by hand (the look-up and login limits, the page sessions).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public ManualTime() : this(new DateTimeOffset(2025, 6, 15, 3, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>The simulator with small look-up and login limits and a hand-moved wall clock.</summary>
public class LimitedSimulatorFactory() : SimulatorFactory(null, new Dictionary<string, string?>
{
    ["lookup-limit"] = "3", ["login-limit"] = "3", ["lookup-window"] = "60s",
})
{
    public ManualTime Time { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddKeyedSingleton<TimeProvider>(AccessLimits.WallClock, Time));
    }
}

using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using ConformanceKit.TaxAuthoritySim.Certification;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Certification;

/// <summary>
/// A vendor's system under certification, scripted: it sends packages for its session's taxpayer, sender and block
/// with consecutive serials, reads its answers, and ends the plan's steps. What it does wrong is up to the test.
/// </summary>
public sealed class ScriptedVendor(HttpClient client, CreatedSession session) : IDisposable
{
    private long _nextSerial = 1;
    private readonly X509Certificate2 _certificate = SamplePackageBuilder.CreateCertificate(session.TaxCode, "Cửa hàng chứng nhận");

    public HttpClient Client => client;
    public CreatedSession Session => session;

    /// <summary>Creates a session through the certifier's API and a client holding its key.</summary>
    public static async Task<ScriptedVendor> StartAsync(HttpClient admin, Func<HttpClient> newClient, string plan = "tvan-provider",
        string vendor = "Vendor", string? taxCode = null)
    {
        var created = await CreateAsync(admin, plan, vendor, taxCode);
        var client = newClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.ApiKey);
        return new ScriptedVendor(client, created);
    }

    public static async Task<CreatedSession> CreateAsync(HttpClient admin, string plan = "tvan-provider", string vendor = "Vendor", string? taxCode = null)
    {
        var response = await admin.PostAsJsonAsync("/admin/v1/certification/sessions",
            new { vendorName = vendor, systemName = "POS Cloud", systemVersion = "4.2.0", planId = plan, taxCode });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CreatedSession>(AuthorityJson.Options))!;
    }

    /// <summary>A signed package of <paramref name="invoices"/> invoices with the next serials (or from <paramref name="firstSerial"/>), a new MTDiep.</summary>
    public byte[] Package(int invoices = 2, long? firstSerial = null, string? sender = null, string? taxCode = null)
    {
        var first = firstSerial ?? _nextSerial;
        if (firstSerial is null) _nextSerial += invoices;
        return SamplePackageBuilder.BuildSigned(new SamplePackageOptions
        {
            Invoices = invoices, TaxCode = taxCode ?? session.TaxCode, SenderCode = sender ?? session.Sender, CodeBlock = session.Blocks[0],
            SellerName = "Cửa hàng chứng nhận", FirstSerial = first, MessageGuid = Guid.NewGuid(),
        }, _certificate, Packages.SigningTime);
    }

    /// <summary>Posts until taken (HTTP 200), the same bytes each time (a 503 is a fault to ride out); the HTTP statuses seen.</summary>
    public async Task<List<HttpStatusCode>> SendUntilTakenAsync(byte[] package, int attempts = 10)
    {
        var seen = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            var posted = await client.PostMessageAsync(package);
            seen.Add(posted.Status);
            if (posted.Status == HttpStatusCode.OK) return seen;
        }
        throw new InvalidOperationException($"not taken after {attempts} attempts: {string.Join(", ", seen)}");
    }

    /// <summary>Sends a fresh package, waits for its 204 (reading its responses); its MTDiep.</summary>
    public async Task<string> SendAndReadAsync(int invoices = 2)
    {
        var package = Package(invoices);
        await SendUntilTakenAsync(package);
        var id = Packages.IdOf(package);
        await client.WaitForAsync(id, "204");
        return id;
    }

    /// <summary>Ends the step (again while a package of it is still being checked).</summary>
    public async Task<SessionView> DoneAsync(string stepId)
    {
        var view = await Eventually.ValueAsync(async () =>
        {
            var r = await client.PostAsync($"/api/v1/certification/steps/{stepId}/done", null);
            if (r.StatusCode == HttpStatusCode.Conflict && (await r.Content.ReadAsStringAsync()).Contains("Still being checked")) return null;
            Assert.True(r.IsSuccessStatusCode, $"{stepId}: HTTP {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            return await r.Content.ReadFromJsonAsync<SessionView>(AuthorityJson.Options);
        }, v => v is not null, TimeSpan.FromSeconds(20));
        return view ?? throw new TimeoutException($"step {stepId} could not be ended");
    }

    public async Task<SessionView> ViewAsync() =>
        (await client.GetFromJsonAsync<SessionView>("/api/v1/certification/session", AuthorityJson.Options))!;

    public static SessionStepView Step(SessionView view, string id) => view.Steps.Single(s => s.StepId == id);

    public void Dispose() => client.Dispose();
}

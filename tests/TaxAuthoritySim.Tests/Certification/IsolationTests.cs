using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using System.Net;
using System.Net.Http.Json;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Certification;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Certification;

/// <summary>
/// Two vendors' sessions at once on one server: each key reads only its own session's messages, responses, inbox and
/// plan; one session's faults never touch the other; the control plane is closed to both keys.
/// </summary>
public sealed class IsolationTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();

    public void Dispose() => _sim.Dispose();

    [Fact]
    public async Task Two_concurrent_sessions_cannot_see_or_disturb_each_other()
    {
        using var admin = _sim.Admin();
        using var a = await ScriptedVendor.StartAsync(admin, _sim.CreateClient, vendor: "Vendor A");
        using var b = await ScriptedVendor.StartAsync(admin, _sim.CreateClient, vendor: "Vendor B");
        Assert.NotEqual(a.Session.Sender, b.Session.Sender);
        Assert.NotEqual(a.Session.TaxCode, b.Session.TaxCode);
        Assert.NotEqual(a.Session.Blocks[0], b.Session.Blocks[0]);

        var aId = await a.SendAndReadAsync();
        var aId2 = await a.SendAndReadAsync();
        await a.DoneAsync("first-packages"); // A is now in the step whose next three uploads get 503

        // B sends meanwhile: A's 503 fault is not B's.
        var bPackage = b.Package();
        Assert.Equal([HttpStatusCode.OK], await b.SendUntilTakenAsync(bPackage));
        var bId = Packages.IdOf(bPackage);
        await b.Client.WaitForAsync(bId, "204");

        // Neither key reads the other's responses, inbox or session.
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/messages/{aId}/responses")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client.GetAsync($"/api/v1/messages/{bId}/responses")).StatusCode);
        var bInbox = await b.Client.GetStringAsync("/api/v1/inbox");
        Assert.DoesNotContain(aId, bInbox);
        Assert.Contains(bId, bInbox);
        Assert.DoesNotContain(bId, await a.Client.GetStringAsync("/api/v1/inbox"));
        var bView = await b.ViewAsync();
        Assert.Equal(b.Session.SessionId, bView.SessionId);
        Assert.Equal("first-packages", bView.CurrentStep);
        Assert.Equal("resend-after-503", (await a.ViewAsync()).CurrentStep);
        Assert.DoesNotContain(bView.Steps.SelectMany(s => s.Messages), m => m == aId || m == aId2);
        // B's key cannot end A's step, nor send as A.
        Assert.Equal(HttpStatusCode.Conflict, (await b.Client.PostAsync("/api/v1/certification/steps/resend-after-503/done", null)).StatusCode);
        var asA = await b.Client.PostMessageAsync(b.Package(sender: a.Session.Sender));
        Assert.Equal("1006", asA.Ack!.Reasons!.Select(r => r.Code).First());
        // Nor look A's invoices up as a T-VAN: without the total it is a buyer's "not found".
        var aCodes = Packages.CodesOf((await _sim.Admin().GetByteArrayAsync($"/admin/v1/messages/{aId}")));
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/invoices/{a.Session.TaxCode}/{aCodes[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetAsync($"/api/v1/invoices/{a.Session.TaxCode}/{aCodes[0]}")).StatusCode);

        // The control plane and the certifier's routes are closed to both keys.
        foreach (var client in new[] { a.Client, b.Client })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/v1/certification/sessions")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/admin/v1/certification/sessions/{a.Session.SessionId}/result")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/v1/journal")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/admin/v1/faults", new { action = "Drop204" })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/admin/v1/reset", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/admin/v1/messages/{aId}")).StatusCode);
            client.DefaultRequestHeaders.Add("X-Admin-Key", client == a.Client ? a.Session.ApiKey : b.Session.ApiKey);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/v1/certification/sessions")).StatusCode);
            client.DefaultRequestHeaders.Remove("X-Admin-Key");
        }
        // The admin key is not a session key.
        using var adminAsVendor = _sim.Tvan(DemoData.AdminKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await adminAsVendor.GetAsync("/api/v1/certification/session")).StatusCode);
        // The demo T-VAN is no session either.
        using var demo = _sim.Tvan();
        Assert.Equal(HttpStatusCode.Unauthorized, (await demo.GetAsync("/api/v1/certification/session")).StatusCode);

        // Each result counts its own traffic only.
        var aResult = await PlanTests.ResultAsync(admin, a.Session.SessionId);
        var bResult = await PlanTests.ResultAsync(admin, b.Session.SessionId);
        Assert.Equal(2, aResult.Packages);
        Assert.Equal(1, bResult.Packages);
        Assert.Equal("Vendor A", aResult.VendorName);
        Assert.Equal(CertificationVerdicts.Passed, aResult.Steps[0].Verdict);
        Assert.Null(bResult.Steps[0].EndedAt);
    }

    [Fact]
    public async Task The_session_key_is_shown_once_and_stored_only_as_its_hash()
    {
        using var admin = _sim.Admin();
        var created = await ScriptedVendor.CreateAsync(admin);
        Assert.StartsWith("ckc_", created.ApiKey);
        var listed = await admin.GetStringAsync("/admin/v1/certification/sessions");
        Assert.DoesNotContain(created.ApiKey, listed);
        var store = (ConformanceKit.TaxAuthoritySim.Store.ISimulatorStore)_sim.Services.GetService(typeof(ConformanceKit.TaxAuthoritySim.Store.ISimulatorStore))!;
        var registry = await store.GetSettingAsync("registry");
        Assert.DoesNotContain(created.ApiKey, registry!);
        Assert.Contains("sha256:", registry);
        var sessions = await store.GetSettingAsync("certification.sessions." + created.SessionId);
        Assert.DoesNotContain(created.ApiKey, sessions!);
    }

    [Fact]
    public async Task A_session_request_with_problems_is_refused_with_each_problem_and_creates_nothing()
    {
        using var admin = _sim.Admin();
        var r = await admin.PostAsJsonAsync("/admin/v1/certification/sessions", new { vendorName = "", planId = "nope", taxCode = "123" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = await r.Content.ReadAsStringAsync();
        foreach (var field in new[] { "vendorName", "systemName", "systemVersion", "planId", "taxCode" }) Assert.Contains(field + ":", body);
        Assert.Equal("[]", await admin.GetStringAsync("/admin/v1/certification/sessions"));
        // The seed's taxpayer cannot be taken over by a session.
        var taken = await admin.PostAsJsonAsync("/admin/v1/certification/sessions",
            new { vendorName = "V", systemName = "S", systemVersion = "1", planId = "tvan-provider", taxCode = DemoData.TaxCode });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        var plans = await admin.GetFromJsonAsync<List<PlanView>>("/admin/v1/certification/plans", AuthorityJson.Options);
        Assert.Equal(["direct-taxpayer", "tvan-provider"], plans!.Select(p => p.Id));
        Assert.All(plans!, p => Assert.Matches("^[0-9a-f]{12}$", p.Version));
    }
}

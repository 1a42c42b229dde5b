using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>The WireMock way: a user's own mapping added through /__admin/mappings, the request journal, and the reset back to the profile.</summary>
[Collection("pipeline")]
public sealed class AdminTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_mapping_added_through_the_admin_API_answers_the_POS_the_journal_shows_what_it_sent_and_a_reset_restores_the_profile()
    {
        await using var sim = await fixture.StartAsync("viettel-sinvoice");
        using var admin = Admin.Client(sim);
        using var pos = new ViettelPos(sim.Address, DemoData.TaxCode);
        await pos.LoginAsync();

        // a failure seen in production: the provider's HSM could not sign
        var mapping = """
            {
              "Title": "seen in production: HSM signing failed",
              "Priority": 2,
              "Request": { "Path": { "Matchers": [ { "Name": "WildcardMatcher", "Pattern": "/services/einvoiceapplication/api/InvoiceAPI/InvoiceWS/createInvoice/*" } ] },
                           "Methods": [ "POST" ] },
              "Response": { "StatusCode": 200, "Headers": { "Content-Type": "application/json" },
                            "BodyAsJson": { "errorCode": "SIGN_ERROR", "description": "Lỗi ký số HSM", "result": null } }
            }
            """;
        using (var added = await admin.PostAsync("__admin/mappings", new StringContent(mapping, System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = Guid.NewGuid().ToString();
        var refused = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id)));
        Assert.Equal("SIGN_ERROR", refused.GetProperty("errorCode").GetString());

        var journal = await Admin.JournalAsync(sim);
        var sent = journal.EnumerateArray().Single(e => e.GetProperty("Request").GetProperty("Path").GetString()!.Contains("createInvoice"));
        Assert.Equal(id, sent.GetProperty("Request").GetProperty("BodyAsJson").GetProperty("generalInvoiceInfo").GetProperty("transactionUuid").GetString());
        Assert.StartsWith("Bearer ", sent.GetProperty("Request").GetProperty("Headers").GetProperty("Authorization")[0].GetString());

        await Admin.FaultAsync(sim, "rate-limited");
        using (var reset = await admin.PostAsync("__sim/reset", null)) Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        var mappings = await admin.GetFromJsonAsync<JsonElement>("__admin/mappings");
        Assert.DoesNotContain(mappings.EnumerateArray(), m => m.TryGetProperty("Title", out var t) && t.GetString()!.StartsWith("seen in production"));
        Assert.DoesNotContain((await Admin.JournalAsync(sim)).EnumerateArray(), e => e.GetProperty("Request").GetProperty("Path").GetString()!.Contains("createInvoice"));
        var faults = await admin.GetFromJsonAsync<Dictionary<string, bool>>("__sim/faults");
        Assert.All(faults!, f => Assert.False(f.Value, f.Key + " still on after the reset"));
        var issued = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id)));
        Assert.StartsWith("M1-", issued.GetProperty("result").GetProperty("codeOfTax").GetString());
    }

    [Fact]
    public async Task Faults_are_also_switched_by_name_and_listed_with_their_state()
    {
        await using var sim = await fixture.StartAsync("misa-meinvoice");
        using var admin = Admin.Client(sim);
        using (var on = await admin.PutAsync("__sim/faults/server-error?on=true", null)) Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        var faults = await admin.GetFromJsonAsync<Dictionary<string, bool>>("__sim/faults");
        Assert.True(faults!["server-error"]);
        Assert.False(faults["rate-limited"]);
        var scenarios = await admin.GetFromJsonAsync<JsonElement>("__admin/scenarios");
        Assert.Contains(scenarios.EnumerateArray(), s => s.GetProperty("Name").GetString() == "fault-server-error" && s.GetProperty("NextState").GetString() == "on");
        using (var unknown = await admin.PutAsync("__sim/faults/no-such-fault", null)) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task With_the_authority_unreachable_behind_the_provider_the_invoice_is_issued_but_never_accepted()
    {
        // the real thing, not a mapping: the reference provider sends to an address where nothing listens
        await using var pipeline = await LocalPipeline.StartAsync(authority: new Uri("http://127.0.0.1:9/"));
        await using var sim = await ProviderSimServer.StartAsync(new ProfileCatalog(ProfileCatalog.DefaultFolder).Find("viettel-sinvoice")!, pipeline.ProviderApi);
        using var pos = new ViettelPos(sim.Address, DemoData.TaxCode);
        await pos.LoginAsync();
        var id = Guid.NewGuid().ToString();
        var created = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id)));
        Assert.StartsWith("M1-", created.GetProperty("result").GetProperty("codeOfTax").GetString()); // a cash-register code needs no round trip
        var row = await pos.WaitForAsync(id, "packaged");
        Assert.Equal("Đã đóng gói, đang gửi CQT", row.GetProperty("exchangeDes").GetString());
        await Eventually.UntilAsync(() => pipeline.Provider.Engine.LastProblem is not null, "the provider reports the authority unreachable");
        row = (await ViettelPos.BodyAsync(await pos.SearchAsync(id))).GetProperty("result")[0];
        Assert.NotEqual("accepted", row.GetProperty("exchangeStatus").GetString());
    }
}

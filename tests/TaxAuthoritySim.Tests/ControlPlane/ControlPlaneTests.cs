using System.Net;
using System.Net.Http.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.ControlPlane;

/// <summary>Seed, faults, journal and keys. Clock tests live apart (they move time for the whole simulator).</summary>
public sealed class ControlPlaneTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private readonly HttpClient _admin = sim.Admin();
    private readonly AuthorityAdminClient _control = sim.AdminClient();

    [Fact]
    public async Task The_control_plane_needs_the_admin_key_and_TVAN_keys_cannot_reach_it()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await sim.CreateClient().GetAsync("/admin/v1/clock")).StatusCode);
        var tvanKey = sim.CreateClient();
        tvanKey.DefaultRequestHeaders.Add("X-Admin-Key", DemoData.TvanApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tvanKey.GetAsync("/admin/v1/faults")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await sim.Tvan().GetAsync("/admin/v1/journal")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/admin/v1/clock")).StatusCode);
    }

    [Fact]
    public async Task A_seed_with_problems_is_refused_listing_each()
    {
        var response = await _admin.PostAsJsonAsync("/admin/v1/seed", new
        {
            taxpayers = new object[] { new { mst = "0106324654", name = "bad check digit" }, new { mst = "0309478306", status = "0" } },
            tvans = new object[] { new { code = "X123", apiKey = "k" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("taxpayers[0].mst", text);
        Assert.Contains("taxpayers[1].status", text);
        Assert.Contains("tvans[0].code", text);
        var notJson = await _admin.PostAsync("/admin/v1/seed", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task TVAN_without_contract_is_5001_and_expired_is_5002()
    {
        await _control.SeedAsync(new SeedDocument
        {
            Tvans =
            [
                new SeedTvan { Code = "V0301521415", Name = "No contract", ApiKey = "no-contract-key" },
                new SeedTvan { Code = "V0401486901", Name = "Expired", ApiKey = "expired-key",
                               Contract = new SeedContract { From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31), Status = "active" } },
            ],
        });

        var none = sim.Tvan("no-contract-key");
        var a = Packages.Signed(Packages.Options() with { SenderCode = "V0301521415" });
        Assert.Equal(0, (await none.PostMessageAsync(a)).Ack!.Status);
        Assert.Equal(["5001"], (await none.NoticeAsync(Packages.IdOf(a))).Codes());

        var expired = sim.Tvan("expired-key");
        var b = Packages.Signed(Packages.Options() with { SenderCode = "V0401486901" });
        Assert.Equal(0, (await expired.PostMessageAsync(b)).Ack!.Status);
        Assert.Equal(["5002"], (await expired.NoticeAsync(Packages.IdOf(b))).Codes());
    }

    [Fact]
    public async Task Faults_503_for_the_first_message_then_normal()
    {
        var mst = "0106324653";
        var id = (await _control.AddFaultAsync(new FaultRule { Action = FaultAction.Status503, Mst = mst, FirstN = 1, MessageType = "206" })).Id;
        try
        {
            var tvan = sim.Tvan();
            var body = Packages.Signed();
            var first = await tvan.PostMessageAsync(body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
            Assert.Empty(await tvan.ResponsesAsync(Packages.IdOf(body)));
            var second = await tvan.PostMessageAsync(body);
            Assert.Equal(HttpStatusCode.OK, second.Status);
            Assert.Equal(1, (await _control.GetFaultsAsync()).Single(r => r.Id == id).Fired);
        }
        finally
        {
            await _control.ClearFaultsAsync();
        }
    }

    [Fact]
    public async Task Bad_fault_rules_are_refused()
    {
        var r = await _admin.PostAsJsonAsync("/admin/v1/faults", new { action = "Delay204" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("delaySeconds", await r.Content.ReadAsStringAsync());
        var unknown = await _admin.PostAsJsonAsync("/admin/v1/faults", new { action = "Explode" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task The_journal_records_in_and_out_with_latency()
    {
        var tvan = sim.Tvan();
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await tvan.PostMessageAsync(body);
        await tvan.NoticeAsync(id);
        var journal = await _control.GetJournalAsync(mst: DemoData.TaxCode);
        Assert.Contains(journal.Entries, e => e.Direction == "in" && e.MessageId == id);
        var notice = journal.Entries.Single(e => e.Type == "204" && e.ReplyTo == id);
        Assert.InRange(notice.LatencySeconds!.Value, 0, 900);
        Assert.StartsWith("204 LTBao 2", notice.Outcome);
        Assert.All((await _control.GetJournalAsync(type: "204")).Entries, e => Assert.Equal("204", e.Type));
        var later = await _control.GetJournalAsync(mst: DemoData.TaxCode, after: journal.Next);
        Assert.All(later.Entries, e => Assert.True(e.Seq > journal.Next));
    }
}

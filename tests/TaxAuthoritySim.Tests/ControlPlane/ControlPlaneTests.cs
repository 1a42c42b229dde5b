using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.ControlPlane;

/// <summary>Seed, faults, journal and keys. Clock tests live apart (they move time for the whole simulator).</summary>
public sealed class ControlPlaneTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private readonly HttpClient _admin = sim.Admin();

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
        var seeded = await _admin.PostAsJsonAsync("/admin/v1/seed", new
        {
            tvans = new object[]
            {
                new { code = "V0301521415", name = "No contract", apiKey = "no-contract-key" },
                new { code = "V0401486901", name = "Expired", apiKey = "expired-key",
                      contract = new { from = "2020-01-01", to = "2024-12-31", status = "active" } },
            },
        });
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);

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
        var rule = await _admin.PostAsJsonAsync("/admin/v1/faults", new { action = "Status503", mst, firstN = 1, messageType = "206" });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var id = (await rule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        try
        {
            var tvan = sim.Tvan();
            var body = Packages.Signed();
            var first = await tvan.PostMessageAsync(body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
            Assert.Empty(await tvan.ResponsesAsync(Packages.IdOf(body)));
            var second = await tvan.PostMessageAsync(body);
            Assert.Equal(HttpStatusCode.OK, second.Status);
            var rules = await _admin.GetFromJsonAsync<JsonElement>("/admin/v1/faults");
            var mine = rules.EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);
            Assert.Equal(1, mine.GetProperty("fired").GetInt32());
        }
        finally
        {
            await _admin.DeleteAsync("/admin/v1/faults");
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
        var journal = await _admin.GetFromJsonAsync<JsonElement>($"/admin/v1/journal?mst={DemoData.TaxCode}");
        var entries = journal.GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("direction").GetString() == "in" && e.GetProperty("messageId").GetString() == id);
        var notice = entries.Single(e => e.GetProperty("type").GetString() == "204" && e.GetProperty("replyTo").GetString() == id);
        Assert.InRange(notice.GetProperty("latencySeconds").GetDouble(), 0, 900);
        Assert.StartsWith("204 LTBao 2", notice.GetProperty("outcome").GetString());
        var only204 = await _admin.GetFromJsonAsync<JsonElement>("/admin/v1/journal?type=204");
        Assert.All(only204.GetProperty("entries").EnumerateArray(), e => Assert.Equal("204", e.GetProperty("type").GetString()));
        var after = journal.GetProperty("next").GetInt64();
        var later = await _admin.GetFromJsonAsync<JsonElement>($"/admin/v1/journal?after={after}&mst={DemoData.TaxCode}");
        Assert.All(later.GetProperty("entries").EnumerateArray(), e => Assert.True(e.GetProperty("seq").GetInt64() > after));
    }
}

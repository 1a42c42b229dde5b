using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Processing;

/// <summary>The simulator end to end, written once and run on SQLite and on PostgreSQL.</summary>
public abstract class StoreScenarios(StoreKind kind) : SimulatorOnStore(kind)
{

    [Fact]
    public async Task Valid_package_is_stored_invalid_and_resent_codes_are_not_and_races_store_one()
    {
        var tvan = Sim.Tvan();
        var options = Packages.Options(invoices: 10);
        var valid = Packages.Signed(options);
        Assert.Equal(0, (await tvan.PostMessageAsync(valid)).Ack!.Status);
        Assert.Equal(2, (await tvan.NoticeAsync(Packages.IdOf(valid))).Kind);
        var code = Packages.CodesOf(valid)[9];
        var lookup = await Sim.Tvan().GetFromJsonAsync<JsonElement>($"/api/v1/invoices/{DemoData.TaxCode}/{code}");
        Assert.Equal(code, lookup.GetProperty("code").GetString());
        Assert.Contains("<HDon", lookup.GetProperty("xml").GetString());

        var resent = Packages.Signed(options with { MessageGuid = Guid.NewGuid() });
        await tvan.PostMessageAsync(resent);
        Assert.Equal(["7005"], (await tvan.NoticeAsync(Packages.IdOf(resent))).Codes());

        var race = Packages.Options(invoices: 3);
        var racers = Enumerable.Range(0, 4).Select(_ => Packages.Signed(race with { MessageGuid = Guid.NewGuid() })).ToList();
        await Task.WhenAll(racers.Select(tvan.PostMessageAsync));
        var notices = await Task.WhenAll(racers.Select(r => tvan.NoticeAsync(Packages.IdOf(r))));
        Assert.Single(notices, n => n.Kind == 2);

        var inbox = await tvan.GetAsync("/api/v1/inbox?after=0");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        var items = SimClient.Split(await inbox.Content.ReadAsByteArrayAsync());
        Assert.Equal(2 * (2 + racers.Count), items.Count);
    }

    [Fact]
    public async Task A_restart_on_the_same_store_keeps_everything()
    {
        var body = Packages.Signed();
        await Sim.Tvan().PostMessageAsync(body);
        await Sim.Tvan().NoticeAsync(Packages.IdOf(body));
        var pem = await Sim.CreateClient().GetStringAsync("/api/v1/certificate");
        var again = SimulatorFactory.With(Sim.Store, new Dictionary<string, string?> { ["data"] = Sim.DataDirectory });
        try
        {
            Assert.Equal(pem, await again.CreateClient().GetStringAsync("/api/v1/certificate"));
            Assert.Equal(2, (await again.Tvan().ResponsesAsync(Packages.IdOf(body))).Count);
            Assert.Equal(HttpStatusCode.OK,
                (await again.Tvan().GetAsync($"/api/v1/invoices/{DemoData.TaxCode}/{Packages.CodesOf(body)[0]}")).StatusCode);
        }
        finally
        {
            again.Dispose();
        }
    }
}

public sealed class SqliteScenarios() : StoreScenarios(StoreKind.Sqlite);

public sealed class PostgresScenarios() : StoreScenarios(StoreKind.Postgres);

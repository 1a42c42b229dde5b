using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.ControlPlane;

/// <summary>The simulated clock, the processing delay and the 204 faults. One simulator per test: they move its time.</summary>
public sealed class ClockAndFaultTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();
    private readonly HttpClient _admin;
    private readonly HttpClient _tvan;

    public ClockAndFaultTests()
    {
        _admin = _sim.Admin();
        _tvan = _sim.Tvan();
    }

    public void Dispose() => _sim.Dispose();

    [Fact]
    public async Task With_a_processing_delay_the_204_waits_for_simulated_time()
    {
        var start = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7));
        var set = await _admin.PutAsJsonAsync("/admin/v1/clock", new { now = start, rate = 0.0, processingDelaySeconds = 600 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var clock = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("2025-06-15T09:00:00", clock.GetProperty("now").GetString());

        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await _tvan.PostMessageAsync(body);
        await Task.Delay(300);
        Assert.Equal(["999"], (await _tvan.ResponsesAsync(id)).Select(SimClient.TypeOf));

        await _admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 599 });
        await Task.Delay(300);
        Assert.Equal(["999"], (await _tvan.ResponsesAsync(id)).Select(SimClient.TypeOf));

        await _admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 1 });
        var notice = await _tvan.NoticeAsync(id);
        Assert.Equal(2, notice.Kind);
        Assert.Equal(new DateTime(2025, 6, 15, 9, 10, 0), notice.SentAt);
    }

    [Fact]
    public async Task The_204_is_never_later_than_15_simulated_minutes_even_when_the_clock_jumps()
    {
        var start = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7));
        await _admin.PutAsJsonAsync("/admin/v1/clock", new { now = start, rate = 0.0, processingDelaySeconds = 900 });
        var body = Packages.Signed();
        await _tvan.PostMessageAsync(body);
        await _admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 3 * 3600 });
        var notice = await _tvan.NoticeAsync(Packages.IdOf(body));
        Assert.Equal(new DateTime(2025, 6, 15, 9, 15, 0), notice.SentAt);
    }

    [Fact]
    public async Task The_clock_can_run_faster()
    {
        var start = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7));
        await _admin.PutAsJsonAsync("/admin/v1/clock", new { now = start, rate = 600.0 });
        await Task.Delay(200);
        var clock = await _admin.GetFromJsonAsync<JsonElement>("/admin/v1/clock");
        var now = DateTimeOffset.Parse(clock.GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((now - start).TotalSeconds, 100, 3600);
        Assert.Equal(600.0, clock.GetProperty("rate").GetDouble());
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PutAsJsonAsync("/admin/v1/clock", new { rate = -1.0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PutAsJsonAsync("/admin/v1/clock", new { processingDelaySeconds = 901 })).StatusCode);
    }

    [Fact]
    public async Task A_dropped_204_never_comes_but_the_valid_invoices_are_stored()
    {
        await _admin.PostAsJsonAsync("/admin/v1/faults", new { action = "Drop204", firstN = 1 });
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await _tvan.PostMessageAsync(body);
        var code = Packages.CodesOf(body)[0];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await _sim.Tvan().GetAsync($"/api/v1/invoices/{DemoData.TaxCode}/{code}")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the invoice was not stored");
            await Task.Delay(20);
        }
        Assert.Equal(["999"], (await _tvan.ResponsesAsync(id)).Select(SimClient.TypeOf));
        // The next package is not affected (first N = 1).
        var next = Packages.Signed();
        await _tvan.PostMessageAsync(next);
        Assert.Equal(2, (await _tvan.NoticeAsync(Packages.IdOf(next))).Kind);
    }

    [Fact]
    public async Task A_duplicated_204_is_delivered_twice_with_the_same_MTDiep()
    {
        await _admin.PostAsJsonAsync("/admin/v1/faults", new { action = "Duplicate204" });
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await _tvan.PostMessageAsync(body);
        var first = await _tvan.WaitForAsync(id, "204", 1);
        var second = await _tvan.WaitForAsync(id, "204", 2);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_delayed_204_becomes_visible_after_the_delay_in_simulated_time()
    {
        await _admin.PutAsJsonAsync("/admin/v1/clock", new { now = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7)), rate = 0.0 });
        await _admin.PostAsJsonAsync("/admin/v1/faults", new { action = "Delay204", delaySeconds = 1200, mst = DemoData.TaxCode });
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await _tvan.PostMessageAsync(body);
        await Task.Delay(400);
        Assert.Equal(["999"], (await _tvan.ResponsesAsync(id)).Select(SimClient.TypeOf));
        await _admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 1200 });
        var notice = await _tvan.NoticeAsync(id);
        Assert.Equal(2, notice.Kind);
    }

    [Fact]
    public async Task Closing_the_connection_and_500_take_nothing()
    {
        await _admin.PostAsJsonAsync("/admin/v1/faults", new { action = "CloseConnection", firstN = 1 });
        await _admin.PostAsJsonAsync("/admin/v1/faults", new { action = "Status500", firstN = 1 });
        var body = Packages.Signed();
        await Assert.ThrowsAnyAsync<Exception>(() => _tvan.PostMessageAsync(body));
        Assert.Equal(HttpStatusCode.InternalServerError, (await _tvan.PostMessageAsync(body)).Status);
        Assert.Empty(await _tvan.ResponsesAsync(Packages.IdOf(body)));
        Assert.Equal(HttpStatusCode.OK, (await _tvan.PostMessageAsync(body)).Status);
    }

    [Fact]
    public async Task Reset_empties_the_store_and_restores_the_seed_and_clock()
    {
        var body = Packages.Signed();
        await _tvan.PostMessageAsync(body);
        await _tvan.NoticeAsync(Packages.IdOf(body));
        await _admin.PutAsJsonAsync("/admin/v1/clock", new { rate = 0.0 });
        await _admin.PostAsJsonAsync("/admin/v1/faults", new { action = "Drop204" });
        var pem = await _sim.CreateClient().GetStringAsync("/api/v1/certificate");

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync("/admin/v1/reset", null)).StatusCode);

        Assert.Empty(await _tvan.ResponsesAsync(Packages.IdOf(body)));
        Assert.Equal(HttpStatusCode.NotFound,
            (await _sim.Tvan().GetAsync($"/api/v1/invoices/{DemoData.TaxCode}/{Packages.CodesOf(body)[0]}")).StatusCode);
        var clock = await _admin.GetFromJsonAsync<JsonElement>("/admin/v1/clock");
        Assert.True(clock.GetProperty("real").GetBoolean());
        Assert.Empty((await _admin.GetFromJsonAsync<JsonElement>("/admin/v1/faults")).EnumerateArray());
        Assert.Equal(pem, await _sim.CreateClient().GetStringAsync("/api/v1/certificate"));
        // The same codes can be sent again after a reset.
        await _tvan.PostMessageAsync(body);
        Assert.Equal(2, (await _tvan.NoticeAsync(Packages.IdOf(body))).Kind);
    }
}

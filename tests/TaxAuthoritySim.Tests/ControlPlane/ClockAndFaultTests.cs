using System.Net;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.ControlPlane;

/// <summary>The simulated clock, the processing delay and the 204 faults. One simulator per test: they move its time.</summary>
public sealed class ClockAndFaultTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();
    private readonly AuthorityAdminClient _admin;
    private readonly HttpClient _tvan;

    public ClockAndFaultTests()
    {
        _admin = _sim.AdminClient();
        _tvan = _sim.Tvan();
    }

    public void Dispose() => _sim.Dispose();

    private async Task WaitQueued(int count)
    {
        var health = await Eventually.ValueAsync(() => SimulatorHealth.ReadAsync(_sim.CreateClient()), h => h.Queued == count);
        Assert.Equal(count, health.Queued);
    }

    [Fact]
    public async Task With_a_processing_delay_the_204_waits_for_simulated_time()
    {
        var start = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7));
        var clock = await _admin.SetClockAsync(new ClockChange(start, Rate: 0, ProcessingDelaySeconds: 600));
        Assert.StartsWith("2025-06-15T09:00:00", clock.Now);

        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await _tvan.PostMessageAsync(body);
        // Queued and not due: a worker leaves it there until the simulated clock reaches its due time.
        await WaitQueued(1);
        Assert.Equal(["999"], (await _tvan.ResponsesAsync(id)).Select(SimClient.TypeOf));

        await _admin.AdvanceClockAsync(599);
        await WaitQueued(1);
        Assert.Equal(["999"], (await _tvan.ResponsesAsync(id)).Select(SimClient.TypeOf));

        await _admin.AdvanceClockAsync(1);
        var notice = await _tvan.NoticeAsync(id);
        Assert.Equal(2, notice.Kind);
        Assert.Equal(new DateTime(2025, 6, 15, 9, 10, 0), notice.SentAt);
    }

    [Fact]
    public async Task The_204_is_never_later_than_15_simulated_minutes_even_when_the_clock_jumps()
    {
        var start = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7));
        await _admin.SetClockAsync(new ClockChange(start, Rate: 0, ProcessingDelaySeconds: 900));
        var body = Packages.Signed();
        await _tvan.PostMessageAsync(body);
        await _admin.AdvanceClockAsync(3 * 3600);
        var notice = await _tvan.NoticeAsync(Packages.IdOf(body));
        Assert.Equal(new DateTime(2025, 6, 15, 9, 15, 0), notice.SentAt);
    }

    [Fact]
    public async Task The_clock_can_run_faster()
    {
        var start = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7));
        await _admin.SetClockAsync(new ClockChange(start, Rate: 600));
        await Task.Delay(200);
        var clock = await _admin.GetClockAsync();
        Assert.InRange((clock.NowValue - start).TotalSeconds, 100, 3600);
        Assert.Equal(600.0, clock.Rate);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Assert.ThrowsAsync<AuthorityApiException>(() => _admin.SetClockAsync(new ClockChange(Rate: -1)))).Status);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Assert.ThrowsAsync<AuthorityApiException>(() => _admin.SetClockAsync(new ClockChange(ProcessingDelaySeconds: 901)))).Status);
    }

    [Fact]
    public async Task A_dropped_204_never_comes_but_the_valid_invoices_are_stored()
    {
        await _admin.AddFaultAsync(new FaultRule { Action = FaultAction.Drop204, FirstN = 1 });
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await _tvan.PostMessageAsync(body);
        var code = Packages.CodesOf(body)[0];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await _sim.TvanClient().LookUpAsync(DemoData.TaxCode, code) is null)
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
        await _admin.AddFaultAsync(new FaultRule { Action = FaultAction.Duplicate204 });
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
        await _admin.SetClockAsync(new ClockChange(new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7)), Rate: 0));
        await _admin.AddFaultAsync(new FaultRule { Action = FaultAction.Delay204, DelaySeconds = 1200, Mst = DemoData.TaxCode });
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await _tvan.PostMessageAsync(body);
        // Processed (idle), its 204 held by the fault: still only the 999 to see.
        await SimulatorHealth.IdleAsync(_sim.CreateClient());
        Assert.Equal(["999"], (await _tvan.ResponsesAsync(id)).Select(SimClient.TypeOf));
        await _admin.AdvanceClockAsync(1200);
        var notice = await _tvan.NoticeAsync(id);
        Assert.Equal(2, notice.Kind);
    }

    [Fact]
    public async Task Closing_the_connection_and_500_take_nothing()
    {
        await _admin.AddFaultAsync(new FaultRule { Action = FaultAction.CloseConnection, FirstN = 1 });
        await _admin.AddFaultAsync(new FaultRule { Action = FaultAction.Status500, FirstN = 1 });
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
        await _admin.SetClockAsync(new ClockChange(Rate: 0));
        await _admin.AddFaultAsync(new FaultRule { Action = FaultAction.Drop204 });
        var pem = await _admin.CertificateAsync();

        Assert.True((await _admin.ResetAsync()).Reset);

        Assert.Empty(await _tvan.ResponsesAsync(Packages.IdOf(body)));
        Assert.Null(await _sim.TvanClient().LookUpAsync(DemoData.TaxCode, Packages.CodesOf(body)[0]));
        Assert.True((await _admin.GetClockAsync()).Real);
        Assert.Empty(await _admin.GetFaultsAsync());
        Assert.Equal(pem, await _admin.CertificateAsync());
        // The same codes can be sent again after a reset.
        await _tvan.PostMessageAsync(body);
        Assert.Equal(2, (await _tvan.NoticeAsync(Packages.IdOf(body))).Kind);
    }
}

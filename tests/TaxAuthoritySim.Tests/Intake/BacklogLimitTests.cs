using System.Net;
using System.Text.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Endpoints;
using ConformanceKit.TaxAuthoritySim.Processing;
using ConformanceKit.TaxAuthoritySim.Store;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Intake;

/// <summary>A simulator whose data-check backlog is bounded at 6 invoices (two 3-invoice packages).</summary>
public sealed class BackloggedSimulatorFactory() : SimulatorFactory(null, new Dictionary<string, string?> { ["backlog-limit"] = "6" });

/// <summary>
/// Back-pressure: past --backlog-limit invoices waiting for their data check, a T-VAN holding its share gets 429 with
/// Retry-After (nothing taken); once the backlog drains it is taken again. A T-VAN below its share is still taken.
/// </summary>
public sealed class BacklogLimitTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 15, 3, 0, 0, TimeSpan.Zero);

    private static InboundMessage Message(string tvan, int seq, int invoices) => new()
    {
        Seq = seq, MessageId = $"{tvan}-{seq}", Type = "206", Sender = tvan, TvanCode = tvan, Count = invoices, ReceivedAt = T0,
        ReceivedWallAt = T0, DueAt = T0.AddMinutes(10), Sha256 = "", Body = [], Ack = [],
    };

    [Fact]
    public void The_backlog_counts_invoices_and_a_tvan_below_its_share_still_gets_in()
    {
        var queue = new ProcessingQueue(new SenderClock(new SimulatedClock(start: T0, rate: 0)));
        for (var i = 1; i <= 4; i++) queue.Enqueue(Message("V-BUSY", i, 3));
        queue.Enqueue(Message("V-BUSY", 1, 3)); // already queued: counted once
        Assert.Equal(12, queue.Backlog);
        Assert.True(queue.IsOverLimit("V-BUSY", 10));
        // The other T-VAN has nothing waiting: its share (10 / 2) is free.
        Assert.False(queue.IsOverLimit("V-QUIET", 10));
        queue.Enqueue(Message("V-QUIET", 5, 3));
        Assert.False(queue.IsOverLimit("V-QUIET", 10));
        queue.Enqueue(Message("V-QUIET", 6, 3));
        Assert.True(queue.IsOverLimit("V-QUIET", 10));
        Assert.Equal(6, queue.BacklogOf("V-QUIET"));

        foreach (var id in new[] { "V-BUSY-1", "V-BUSY-2", "V-BUSY-3" }) queue.Done(id, processed: true);
        Assert.Equal(9, queue.Backlog);
        Assert.False(queue.IsOverLimit("V-BUSY", 10));
        Assert.False(queue.IsOverLimit("V-BUSY", 0)); // 0: no limit
        queue.Clear();
        Assert.Equal(0, queue.Backlog);
        Assert.Equal(0, queue.BacklogOf("V-QUIET"));
    }

    [Fact]
    public async Task Over_the_backlog_limit_the_answer_is_429_and_after_it_drains_the_message_is_taken()
    {
        using var sim = new BackloggedSimulatorFactory();
        var admin = sim.AdminClient();
        var tvan = sim.Tvan();
        // The simulated clock stands still with a 10-minute delay: nothing drains until the test moves it.
        await admin.SetClockAsync(new ClockChange(new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7)), Rate: 0,
            ProcessingDelaySeconds: 600));
        foreach (var _ in Enumerable.Range(0, 2))
            Assert.Equal(0, (await tvan.PostMessageAsync(Packages.Signed(Packages.Options(invoices: 3)))).Ack!.Status);

        var third = Packages.Signed(Packages.Options(invoices: 3));
        using (var content = new ByteArrayContent(third))
        {
            var refused = await tvan.PostAsync("/api/v1/messages", content);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(MessageEndpoints.BacklogFullCode, problem.RootElement.GetProperty("code").GetString());
            var detail = problem.RootElement.GetProperty("detail").GetString()!;
            Assert.Contains("6 invoices received are waiting", detail);
            Assert.Contains("vui lòng gửi lại", detail);
        }
        // Nothing was taken: no 999 under its MTDiep, still two messages stored.
        Assert.Empty(await tvan.ResponsesAsync(Packages.IdOf(third)));
        Assert.Equal(2L, (await SimulatorHealth.ReadAsync(sim.CreateClient())).Messages);

        await admin.AdvanceClockAsync(600);
        await SimulatorHealth.IdleAsync(sim.CreateClient());
        var taken = await tvan.PostMessageAsync(third);
        Assert.Equal(HttpStatusCode.OK, taken.Status);
        Assert.Equal(0, taken.Ack!.Status);
    }
}

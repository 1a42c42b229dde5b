using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Processing;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Tests.Processing;

/// <summary>Due messages are taken from the T-VANs in turn: one T-VAN's burst does not hold back another's 204.</summary>
public sealed class ProcessingQueueTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 15, 3, 0, 0, TimeSpan.Zero);

    private static InboundMessage Message(string tvan, int seq, DateTimeOffset due) => new()
    {
        Seq = seq, MessageId = $"{tvan}-{seq}", Type = "206", Sender = tvan, TvanCode = tvan, ReceivedAt = due,
        ReceivedWallAt = due, DueAt = due, Sha256 = "", Body = [], Ack = [],
    };

    private static async Task<List<string>> TakeAll(ProcessingQueue queue, int count)
    {
        var taken = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var i = 0; i < count; i++) taken.Add((await queue.TakeAsync(cts.Token)).MessageId);
        return taken;
    }

    [Fact]
    public async Task Another_tvans_message_is_not_queued_behind_a_burst()
    {
        var queue = new ProcessingQueue(new SenderClock(new SimulatedClock(start: T0, rate: 0)));
        for (var i = 1; i <= 10; i++) queue.Enqueue(Message("V-BURST", i, T0.AddSeconds(-60)));
        queue.Enqueue(Message("V-HONEST", 11, T0));
        var taken = await TakeAll(queue, 11);
        Assert.True(taken.IndexOf("V-HONEST-11") <= 1, string.Join(", ", taken));
        // Within one T-VAN the order is kept: due time, then arrival.
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"V-BURST-{i}"), taken.Where(t => t.StartsWith("V-BURST", StringComparison.Ordinal)));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_message_not_yet_due_waits_while_due_ones_of_others_go()
    {
        var clock = new SimulatedClock(start: T0, rate: 0);
        var queue = new ProcessingQueue(new SenderClock(clock));
        queue.Enqueue(Message("V-LATER", 1, T0.AddMinutes(5)));
        queue.Enqueue(Message("V-NOW", 2, T0));
        Assert.Equal(["V-NOW-2"], await TakeAll(queue, 1));
        var later = queue.TakeAsync(CancellationToken.None);
        Assert.False(later.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("V-LATER-1", (await later.WaitAsync(TimeSpan.FromSeconds(10))).MessageId);
    }
}

using System.Text;
using ConformanceKit.TaxAuthoritySim.Intake;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.TaxAuthoritySim.Tests.Intake;

/// <summary>Uploads at once are bounded per T-VAN and in all; a body costs what arrived, not what was claimed.</summary>
public sealed class IntakeGateTests
{
    [Fact]
    public void A_tvan_past_its_share_is_turned_away_while_another_goes_on()
    {
        var gate = new IntakeGate(total: 10, perTvan: 3);
        var mine = Enumerable.Range(0, 3).Select(_ => gate.TryEnter("V1", out bool _)).ToList();
        Assert.All(mine, Assert.NotNull);
        Assert.Null(gate.TryEnter("V1", out var full));
        Assert.False(full);
        using (var other = gate.TryEnter("V2", out _)) Assert.NotNull(other);
        mine[0]!.Dispose();
        mine[0]!.Dispose();   // twice is once
        using var again = gate.TryEnter("V1", out _);
        Assert.NotNull(again);
        Assert.Null(gate.TryEnter("V1", out _));
    }

    [Fact]
    public void The_server_total_is_a_limit_of_its_own()
    {
        var gate = new IntakeGate(total: 2, perTvan: 5);
        using var a = gate.TryEnter("V1", out _);
        using var b = gate.TryEnter("V2", out _);
        Assert.Null(gate.TryEnter("V3", out var full));
        Assert.True(full);
    }

    [Fact]
    public async Task A_claimed_two_megabytes_that_never_come_cost_only_what_arrived()
    {
        var http = new DefaultHttpContext();
        http.Request.ContentLength = 2 * 1024 * 1024;
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("<TDiep/>"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = await MessageBody.ReadAsync(http.Request, 2 * 1024 * 1024, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(MessageBody.Outcome.Read, read.Outcome);
        Assert.Equal("<TDiep/>", Encoding.UTF8.GetString(read.Bytes!));
        Assert.True(allocated < 256 * 1024, $"{allocated:N0} bytes allocated for an 8-byte body");
    }

    [Fact]
    public async Task A_body_of_the_stated_length_lands_in_one_array()
    {
        var sent = new byte[64 * 1024];
        new Random(16).NextBytes(sent);
        var http = new DefaultHttpContext();
        http.Request.ContentLength = sent.Length;
        http.Request.Body = new MemoryStream(sent);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = await MessageBody.ReadAsync(http.Request, 2 * 1024 * 1024, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(sent, read.Bytes);
        // The body's own 64 KB, not a growing buffer (16 → 32 → 64 KB) and a copy of it.
        Assert.True(allocated < 96 * 1024, $"{allocated:N0} bytes allocated for a 64 KB body");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_too_large_whatever_it_claimed()
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(new byte[5000]);
        Assert.Equal(MessageBody.Outcome.TooLarge, (await MessageBody.ReadAsync(http.Request, 4096, CancellationToken.None)).Outcome);
        http.Request.ContentLength = 5000;
        Assert.Equal(MessageBody.Outcome.TooLarge, (await MessageBody.ReadAsync(http.Request, 4096, CancellationToken.None)).Outcome);
    }
}

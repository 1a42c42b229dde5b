using ConformanceKit.TaxAuthoritySim.Access;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Pages;

/// <summary>The fixed-window limiter on its own: the window, the Retry-After, and the memory bound.</summary>
public sealed class RateLimiterTests
{
    [Fact]
    public void A_client_gets_limit_takes_per_window_and_is_told_when_to_retry()
    {
        var time = new ManualTime();
        var limiter = new ClientRateLimiter(2, TimeSpan.FromSeconds(60), time);
        Assert.True(limiter.Take("a").Allowed);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.Take("a").Allowed);
        var refused = limiter.Take("a");
        Assert.False(refused.Allowed);
        Assert.Equal(50, refused.RetryAfterSeconds);
        Assert.False(limiter.Check("a").Allowed);
        Assert.True(limiter.Take("b").Allowed); // per client
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(limiter.Check("a").Allowed);
        Assert.True(limiter.Take("a").Allowed);
    }

    [Fact]
    public void Memory_is_bounded_however_many_clients_come()
    {
        var time = new ManualTime();
        var limiter = new ClientRateLimiter(1, TimeSpan.FromSeconds(60), time, maxClients: 100);
        for (var i = 0; i < 10_000; i++)
        {
            limiter.Take("client-" + i);
            if (i % 1000 == 0) time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.InRange(limiter.Count, 1, 100);
        time.Advance(TimeSpan.FromMinutes(2));
        limiter.Take("late");
        Assert.Equal(1, limiter.Count); // ended windows are swept
    }

    [Theory]
    [InlineData("1234567", 1234567)]
    [InlineData("1.234.567", 1234567)]
    [InlineData("1.234.567 đ", 1234567)]
    [InlineData("1,234,567", 1234567)]
    [InlineData("1234567.5", 1234567.5)]
    [InlineData(" 1 234 567 VND ", 1234567)]
    public void A_typed_total_is_read_as_printed(string text, double expected) =>
        Assert.Contains((decimal)expected, InvoiceLookup.ParseTotal(text)!);

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1e9")]
    [InlineData("12345678901234567890123456789012345678901234567890")]
    public void A_total_that_is_not_an_amount_is_refused(string text) => Assert.Null(InvoiceLookup.ParseTotal(text));
}

namespace ConformanceKit.Provider.Tests;

/// <summary>Times an authority (or a vendor's endpoint standing in for it) sends never throw in the provider.</summary>
public sealed class AuthorityTimeTests
{
    [Fact]
    public void A_time_off_the_calendar_is_no_time_and_a_real_one_is_Vietnam_time()
    {
        Assert.Null(AuthorityClient.VietnamInstant(DateTime.MinValue));
        Assert.Null(AuthorityClient.VietnamInstant(null));
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 3, 0, 0, TimeSpan.Zero),
            AuthorityClient.VietnamInstant(new DateTime(2025, 6, 15, 10, 0, 0))!.Value.ToUniversalTime());
        Assert.NotNull(AuthorityClient.VietnamInstant(DateTime.MaxValue));
    }
}

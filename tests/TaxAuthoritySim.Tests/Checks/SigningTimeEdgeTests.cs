using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Checks;

/// <summary>A signed SigningTime at the edge of the calendar is a 4004, not a package stuck in processing.</summary>
public sealed class SigningTimeEdgeTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 31)]
    public async Task A_signing_time_at_the_calendars_edge_is_4004(int year, int month, int day)
    {
        var tvan = sim.Tvan();
        var body = Packages.Signed(signingTime: new DateTime(year, month, day, 3, 0, 0));
        Assert.Equal(0, (await tvan.PostMessageAsync(body)).Ack!.Status);
        var notice = await tvan.NoticeAsync(Packages.IdOf(body), TimeSpan.FromSeconds(15));
        Assert.Equal(7, notice.Kind);
        Assert.Equal(["4004"], notice.Codes());
    }
}

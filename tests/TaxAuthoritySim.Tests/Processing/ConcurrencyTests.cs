using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Processing;

/// <summary>Code uniqueness under concurrency: packages racing with the same codes — exactly one is stored.</summary>
public sealed class ConcurrencyTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    [Fact]
    public async Task Racing_packages_with_the_same_codes_store_exactly_one()
    {
        var tvan = sim.Tvan();
        for (var round = 0; round < 8; round++)
        {
            var options = Packages.Options(invoices: 4);
            var racers = Enumerable.Range(0, 4).Select(_ => Packages.Signed(options with { MessageGuid = Guid.NewGuid() })).ToList();
            await Task.WhenAll(racers.Select(tvan.PostMessageAsync));
            var notices = await Task.WhenAll(racers.Select(r => tvan.NoticeAsync(Packages.IdOf(r))));
            Assert.Single(notices, n => n.Kind == 2);
            Assert.All(notices.Where(n => n.Kind == 7), n => Assert.Equal(["7005"], n.Codes()));
            var stored = notices.Single(n => n.Kind == 2).TransactionId;
            var lookup = await sim.Tvan().GetStringAsync(
                $"/api/v1/invoices/{Einvoice.Samples.DemoData.TaxCode}/{Packages.CodesOf(racers[0])[0]}");
            Assert.Contains(stored!, lookup);
        }
    }
}

using System.Globalization;
using System.Net;
using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using ConformanceKit.Provider;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>When the provider packages and sends: real time, periodic, manual, end of day; the shop's clock.</summary>
[Binding]
public sealed class SyncSteps(ReferenceProvider reference, CashierDriver cashier, ProviderDriver provider, BuyerDriver buyer,
    SimulatorDriver authority, ShopContext shop)
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Given(@"^the provider sends only when the shop asks, and everything waiting at (\d\d:\d\d)$")]
    [Given(@"^nhà cung cấp chỉ gửi khi cửa hàng yêu cầu, và gửi mọi thứ đang chờ lúc (\d\d:\d\d)$")]
    public void GivenManualWithEndOfDay(string time) =>
        reference.Configure(o => o with { Sync = SyncMode.Manual, EndOfDay = TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture) });

    [Given("nhà cung cấp chỉ gửi khi cửa hàng yêu cầu")]
    public void GivenManualSync() => reference.Configure(o => o with { Sync = SyncMode.Manual });

    /// <summary>The shop's clock and the authority's are set to the same instant of today (Vietnam time), both running.</summary>
    [Given(@"^it is (\d\d:\d\d(?::\d\d)?) at the shop and at the authority$")]
    [When(@"^the shop's clock reaches (\d\d:\d\d(?::\d\d)?)$")]
    [Given(@"^lúc (\d\d:\d\d(?::\d\d)?) ở cửa hàng và ở cơ quan thuế$")]
    [When(@"^đồng hồ của cửa hàng chỉ (\d\d:\d\d(?::\d\d)?)$")]
    public Task SetTheClocks(string time)
    {
        var at = Today(time);
        reference.Clock.Set(at);
        return authority.SetClockAsync(at, rate: 1, processingDelaySeconds: 0);
    }

    [When("the cashier makes {int} more sale(s)")]
    [When("thu ngân bán thêm {int} lần")]
    public async Task WhenTheCashierMakesMoreSales(int count)
    {
        for (var i = 0; i < count; i++) await cashier.SellAsync();
    }

    [When("the shop asks the provider to send what is waiting")]
    [When("cửa hàng yêu cầu nhà cung cấp gửi những gì đang chờ")]
    public Task WhenTheShopFlushes() => provider.FlushAsync();

    /// <summary>Watches the outbox for a few of the provider's polls: a package made by mistake would show meanwhile.</summary>
    [Then("the provider has sent no package yet")]
    [Then("nhà cung cấp chưa gửi gói nào")]
    public async Task ThenNoPackageYet() => Assert.Empty(await provider.PackagesWithinAsync(TimeSpan.FromMilliseconds(400)));

    [Then("the authority has none of the invoices yet")]
    [Then("cơ quan thuế chưa có hóa đơn nào trong số đó")]
    public async Task ThenTheAuthorityHasNoneYet()
    {
        foreach (var sale in shop.Sales)
            Assert.Equal(HttpStatusCode.NotFound, (await buyer.LookUpAsync(sale.TaxCode, sale.Code!, sale.Total)).Status);
    }

    [Then("the provider has sent {int} package(s) of {int} invoice(s)")]
    [Then("the provider has sent {int} package(s) of {int} invoice(s) each")]
    [Then("nhà cung cấp đã gửi {int} gói, mỗi gói {int} hóa đơn")]
    public async Task ThenPackagesOf(int packages, int invoices) =>
        Assert.Equal(Enumerable.Repeat(invoices, packages), (await provider.PackagesHoldingAsync(shop.Sales.Count)).Select(p => p.GetProperty("invoices").GetInt32()));

    [Then(@"^at (\d\d:\d\d) by the shop's clock, the provider sends (\d+) packages? of (\d+) invoices?$")]
    [Then(@"^lúc (\d\d:\d\d) theo đồng hồ của cửa hàng, nhà cung cấp gửi (\d+) gói gồm (\d+) hóa đơn$")]
    public async Task ThenAtTimeThePackagesAreSent(string time, int packages, int invoices)
    {
        var made = await provider.PackagesHoldingAsync(shop.Sales.Count);
        Assert.Equal(Enumerable.Repeat(invoices, packages), made.Select(p => p.GetProperty("invoices").GetInt32()));
        Assert.All(made, p => Assert.InRange(p.GetProperty("createdAt").GetDateTimeOffset(), Today(time), Today(time).AddSeconds(5)));
    }

    private static DateTimeOffset Today(string time)
    {
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Vietnam).DateTime);
        var clock = TimeOnly.ParseExact(time, time.Length == 5 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
        return new DateTimeOffset(day.ToDateTime(clock), Vietnam);
    }
}

using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>How a failure ends — the set-up corrected, the line back, the contract renewed, the deadline passed — and what the shop and the buyer see then.</summary>
[Binding]
public sealed class RecoverySteps(
    ReferenceProvider provider, OutageDriver outage, TvanRenewalDriver renewal, ProviderStatusDriver status, ProviderDriver shopProvider,
    SimulatorDriver authority, BuyerDriver buyer, ShopContext shop, RecoveryContext recovery)
{
    [When("the provider is restarted with the T-VAN's right key")]
    public Task WhenRestartedWithTheRightKey() => RestartAsync(o => o with { ApiKey = recovery.ProviderTvan.ApiKey });

    [When("the provider is restarted with the authority's right address")]
    public Task WhenRestartedWithTheRightAddress() => RestartAsync(o => o with { Target = authority.Address });

    [When("the authority registers the T-VAN's new key")]
    public async Task WhenTheNewKeyIsRegistered() =>
        recovery.Tvan = await renewal.ChangeKeyAsync(recovery.ProviderTvan, recovery.PendingKey ?? throw new InvalidOperationException("no new key was set up"));

    [When("the shop's internet line is back")]
    public void WhenTheLineIsBack() => outage.LineUp();

    [When("the T-VAN's contract is renewed")]
    public Task WhenTheContractIsRenewed() => renewal.RenewContractAsync(recovery.ProviderTvan);

    [When("the shop asks the provider to send its held invoices again")]
    public Task WhenTheShopAsksForARetry() => shopProvider.RetryAsync();

    [When("{int} minutes pass on the shop's clock")]
    public void WhenMinutesPassOnTheShopsClock(int minutes) => provider.Clock.Set(provider.Clock.GetUtcNow().AddMinutes(minutes));

    /// <summary>Moving the clock of a shared endpoint would disturb everything else on it: the scenario needs its own simulator.</summary>
    /// <summary>Once what the authority took is processed: a notice held back counts from the processing time.</summary>
    [When("{int} minutes pass on the authority's clock")]
    public async Task WhenMinutesPassOnTheAuthoritysClock(int minutes)
    {
        await authority.WaitUntilIdleAsync();
        await authority.AdvanceClockAsync(minutes * 60);
    }

    /// <summary>The package that waited is the one the authority stores the invoice from: same MTDiep, same bytes.</summary>
    [Then("the waiting package is delivered under the same message id")]
    public async Task ThenTheWaitingPackageIsDelivered()
    {
        Assert.Equal(recovery.WaitingPackage, (await shopProvider.WaitForSaleAsync(shop.LastSale.ProviderId, "accepted")).Text("package"));
        Assert.Equal(recovery.WaitingPackage, await authority.LookUpAsync(shop.LastSale.TaxCode, shop.LastSale.Code!));
    }

    [Then("the provider sent one package, {int} times under the same message id, until the authority took it")]
    public async Task ThenOnePackageSentTimes(int times)
    {
        var package = Assert.Single(await shopProvider.PackagesAsync());
        Assert.Equal(("accepted", times - 1), (ProviderStatusDriver.Text(package, "state"), ProviderStatusDriver.Number(package, "attempts")));
        Assert.Equal(ProviderStatusDriver.Text(package, "messageId"), await authority.LookUpAsync(shop.LastSale.TaxCode, shop.LastSale.Code!));
    }

    [Then("the provider looks the invoice up and reports it accepted")]
    public async Task ThenLookedUpAndAccepted() =>
        Assert.Contains("look-up", (await shopProvider.WaitForSaleAsync(shop.LastSale.ProviderId, "accepted")).Text("detail"), StringComparison.Ordinal);

    [Then("the provider marks the package overdue")]
    public Task ThenOverdue() => status.WaitForPackageAsync(p => ProviderStatusDriver.Flag(p, "overdue"), "marked overdue");

    [Then("the provider marks the package's notice late")]
    public Task ThenLate() => status.WaitForPackageAsync(p => ProviderStatusDriver.Text(p, "state") == "accepted" && ProviderStatusDriver.Flag(p, "late"), "accepted and late");

    [Then("the provider holds the invoice, citing code {int}")]
    public async Task ThenHeld(int code) =>
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), (await shopProvider.WaitForSaleAsync(shop.LastSale.ProviderId, "held")).Text("codes"), StringComparison.Ordinal);

    [Then("the provider's status shows no problem standing")]
    public Task ThenNoProblemStanding() => status.WaitForNoProblemAsync();

    [Then("the provider's status names the resolved problem: {string}")]
    public async Task ThenTheResolvedProblemIs(string words) => Assert.Contains(words, await status.ResolvedProblemAsync(), StringComparison.Ordinal);

    [Then("the provider's status counts every invoice accepted")]
    public async Task ThenEveryInvoiceCountedAccepted() =>
        Assert.Equal(new Dictionary<string, int> { ["accepted"] = shop.Sales.Count }, await status.InvoiceCountsAsync());

    [Then("the provider's status counts {int} invoice(s) held")]
    public async Task ThenInvoicesCountedHeld(int count) => Assert.Equal(count, (await status.InvoiceCountsAsync()).GetValueOrDefault("held"));

    [Then("the buyer's look-up page says the invoice is not found")]
    public async Task ThenThePageSaysNotFound()
    {
        var page = await buyer.LookUpOnThePageAsync(shop.LastSale.TaxCode, shop.LastSale.Code!, shop.LastSale.Total);
        Assert.Equal((404, null), (page.Status, page.Code));
        Assert.Contains("Không tìm thấy hóa đơn", page.Message, StringComparison.Ordinal);
    }

    private async Task RestartAsync(Func<ConformanceKit.Provider.ProviderOptions, ConformanceKit.Provider.ProviderOptions> change)
    {
        await provider.StopAsync();
        provider.Configure(change);
        await provider.StartAsync();
    }
}

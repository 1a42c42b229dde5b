using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>
/// Seed 000's failures between the shop's provider and the authority, and what they look like while they last: the
/// provider's T-VAN and its set-up, the shop's line, the authority's faults aimed at that T-VAN.
/// </summary>
[Binding]
public sealed class FailureSteps(
    ReferenceProvider provider, TvanDriver tvans, OutageDriver outage, FaultDriver faults, ProviderStatusDriver status,
    ProviderDriver shopProvider, SimulatorDriver authority, ShopContext shop, RecoveryContext recovery)
{
    [Given("the shop's provider is a T-VAN with a contract in force")]
    public Task GivenAProviderTvan() => SendAsTvanAsync("with a contract in force");

    [Given("the shop's provider is a T-VAN whose contract expired at the end of 2024")]
    public Task GivenAProviderTvanWithAnExpiredContract() => SendAsTvanAsync("whose contract expired at the end of 2024");

    [Given("the provider was set up with a wrong key for its T-VAN")]
    public void GivenAWrongKey() => provider.Configure(o => o with { ApiKey = "not-the-key-" + Guid.NewGuid().ToString("N")[..8] });

    [Given("the provider was set up with the T-VAN's new key, which the authority does not know yet")]
    public void GivenANewKey()
    {
        recovery.PendingKey = "ck-features-new-" + Guid.NewGuid().ToString("N");
        provider.Configure(o => o with { ApiKey = recovery.PendingKey });
    }

    [Given("the provider was set up with a wrong address for the authority")]
    public void GivenAWrongAddress() => provider.Configure(o => o with { Target = new Uri(authority.Address, "no-such-portal/") });

    [Given("the shop reaches the authority over its internet line")]
    public void GivenTheShopsLine() => outage.RouteThroughLine();

    [Given("the shop's internet line is down")]
    [When("the shop's internet line goes down")]
    public void WhenTheLineGoesDown() => outage.LineDown();

    [Given("the authority answers HTTP {int} to the T-VAN's next {int} messages")]
    public Task GivenTheAuthorityAnswers(int code, int count) => outage.AnswerNextMessagesWithAsync(recovery.ProviderTvan, code, count);

    [Given("the authority drops the connection of the T-VAN's next {int} messages")]
    public Task GivenTheAuthorityDropsConnections(int count) => outage.DropNextConnectionsAsync(recovery.ProviderTvan, count);

    [Given("the authority loses the notice of the T-VAN's next package")]
    public Task GivenTheAuthorityLosesTheNotice() => faults.DropNextNoticeAsync(recovery.ProviderTvan);

    [Given("the authority holds back the notice of the T-VAN's next package by {int} minutes")]
    public Task GivenTheAuthorityHoldsTheNoticeBack(int minutes) => outage.HoldBackNextNoticeAsync(recovery.ProviderTvan, minutes);

    [Then("the provider's status says the authority refused its T-VAN key")]
    public Task ThenTheKeyWasRefused() => status.WaitForProblemAsync("the T-VAN API key was refused");

    [Then("the provider's status says the authority has no such address")]
    public Task ThenNoSuchAddress() => status.WaitForProblemAsync("404: no message route");

    [Then("the provider's status says it cannot connect to the authority")]
    public Task ThenCannotConnect() => status.WaitForProblemAsync("cannot connect to");

    /// <summary>The invoice is in a package that the provider keeps sending (ready, tried twice at least).</summary>
    [Then("the invoice waits at the provider to be sent again")]
    public async Task ThenTheInvoiceWaits()
    {
        var package = await status.WaitForPackageAsync(p => ProviderStatusDriver.Text(p, "state") == "ready" && ProviderStatusDriver.Number(p, "attempts") >= 2, "ready, tried twice");
        recovery.WaitingPackage = ProviderStatusDriver.Text(package, "messageId");
        Assert.Equal(("packaged", recovery.WaitingPackage), Where(await shopProvider.SaleAsync(shop.LastSale.ProviderId)));
    }

    [Then("the authority has not stored the invoice")]
    public async Task ThenNotStored() => Assert.Null(await authority.LookUpAsync(shop.LastSale.TaxCode, shop.LastSale.Code!));

    /// <summary>Stored by the package's check, but no 204: the only response to the package is its 999.</summary>
    [When("the authority has stored the invoice without sending its notice")]
    public async Task WhenStoredWithoutNotice()
    {
        var package = await Eventually.SomeAsync(() => authority.LookUpAsync(shop.LastSale.TaxCode, shop.LastSale.Code!), "the invoice stored");
        Assert.Equal(["999"], (await authority.ResponsesAsync(package)).Select(r => MessageReader.Read(r).TypeCode));
    }

    [Then("the provider is still waiting for the invoice's notice")]
    public async Task ThenStillWaiting() =>
        Assert.Equal("packaged", (await shopProvider.SaleAsync(shop.LastSale.ProviderId)).Text("state"));

    [When("the authority acknowledges the package")]
    public Task WhenAcknowledged() => status.WaitForPackageAsync(p => ProviderStatusDriver.Text(p, "state") == "acknowledged", "acknowledged");

    private async Task SendAsTvanAsync(string contract)
    {
        recovery.Tvan = await tvans.RegisterAsync(contract);
        provider.Configure(o => o with { TvanCode = recovery.Tvan.Code, ApiKey = recovery.Tvan.ApiKey });
    }

    private static (string State, string Package) Where(ProviderAnswer sale) => (sale.Text("state"), sale.Text("package"));
}

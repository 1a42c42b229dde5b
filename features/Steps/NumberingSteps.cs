using System.Globalization;
using System.Net;
using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>Numbers neither lost nor doubled: a sale refused before any code, an answer lost, the provider killed.</summary>
[Binding]
public sealed class NumberingSteps(CashierDriver cashier, ProviderDriver provider, CrashDriver crash, ShopContext shop, RecoveryContext recovery)
{
    [When("the register sends a sale with {string}")]
    public async Task WhenTheRegisterSendsAMistake(string mistake) =>
        await cashier.TrySellAsync(SaleMistakes.Sale(mistake, recovery.RefusedSale = "HD-" + Guid.NewGuid().ToString("N")[..12]));

    [Then("the provider refuses the sale, naming the field {string} and the rule {string}")]
    public void ThenTheSaleIsRefused(string field, string rule) =>
        Assert.Equal((HttpStatusCode.BadRequest, field, rule), (shop.LastAnswer!.Status, shop.LastAnswer.Text("field"), shop.LastAnswer.Text("rule")));

    [Then("no invoice is issued for that sale")]
    public async Task ThenNoInvoiceForTheSale() => Assert.Equal(HttpStatusCode.NotFound, (await provider.SaleAsync(recovery.RefusedSale!)).Status);

    [Then("no number was lost between the last two sales")]
    public async Task ThenTheNextNumber() =>
        Assert.Equal((true, 0), (Serial(shop.LastSale.Code!) > Serial(shop.Sales[^2].Code!), (await provider.GapsAsync([shop.Sales[^2].Code!, shop.LastSale.Code!])).Count));

    /// <summary>The provider issued the invoice, but the answer never reached the register (it is kept aside, unseen).</summary>
    [When("the cashier sells a customer two iced coffees, but the answer is lost on the way")]
    public async Task WhenTheAnswerIsLost() =>
        recovery.LostAnswer = await provider.SellAsync(CashierDriver.Json("HD-" + Guid.NewGuid().ToString("N")[..12], [CashierDriver.Coffee]));

    [When("the register sends the sale with the lost answer again")]
    public Task WhenTheRegisterSendsItAgain() => cashier.SellAsync(posId: recovery.LostAnswer!.Text("saleId"));

    [Then("the register gets the invoice issued the first time")]
    public void ThenTheSameInvoice() =>
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, recovery.LostAnswer!.Text("code")), (recovery.LostAnswer.Status, shop.LastAnswer!.Status, shop.LastSale.Code));

    [Given("the provider runs as a program of its own, sending a package every {int} invoices")]
    public Task GivenTheProviderProgram(int batch) => crash.StartProgramAsync(recovery.ProviderTvan, batch);

    [When("the cashier makes {int} sales, the provider's program being killed after the {int}th and started again")]
    public Task WhenSalesWithAKill(int count, int killAfter) => crash.SellKillingAfterAsync(count, killAfter);

    /// <summary>Each sale's invoice is the code the register was told, no two sales share one, and the provider holds no other invoice.</summary>
    [Then("every sale has exactly one invoice")]
    public async Task ThenOneInvoicePerSale()
    {
        foreach (var sale in shop.Sales) Assert.Equal(sale.Code, (await provider.SaleAsync(sale.ProviderId)).Text("code"));
        Assert.Equal(shop.Sales.Count, shop.Sales.Select(s => s.Code).Distinct().Count());
        Assert.Equal(shop.Sales.Count, (await provider.StatusAsync()).GetProperty("invoices").EnumerateObject().Sum(p => p.Value.GetInt32()));
    }

    private static long Serial(string code) => long.Parse(code[^11..], CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.RegularExpressions;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>The cashier sells; the shop's provider issues the invoice and gets it to the authority.</summary>
[Binding]
public sealed partial class SellingSteps(CashierDriver cashier, ProviderDriver provider, ShopContext shop)
{
    [When("the cashier sells a customer two iced coffees")]
    [When("thu ngân bán cho khách hai ly cà phê sữa đá")]
    public Task WhenTheCashierSellsCoffee() => cashier.SellAsync();

    [When("the cashier sells:")]
    [When("thu ngân bán:")]
    public Task WhenTheCashierSells(DataTable items) => cashier.SellAsync(Items(items));

    [When("the cashier makes {int} sales")]
    [When("thu ngân bán {int} lần")]
    public async Task WhenTheCashierMakesSales(int count)
    {
        for (var i = 0; i < count; i++) await cashier.SellAsync();
    }

    [Then("the customer's receipt carries an invoice code from the shop's block")]
    [Then("hóa đơn của khách mang mã từ dải mã của cửa hàng")]
    public void ThenTheReceiptCarriesACode() =>
        Assert.All(shop.Sales, s => Assert.Matches(CodeOfTheBlock(), s.Code ?? ""));

    [Then("the receipt's total to pay is {int} đồng")]
    [Then("tổng tiền thanh toán trên hóa đơn là {int} đồng")]
    public void ThenTheTotalIs(int total) => Assert.Equal(total, shop.LastSale.Total);

    [Then("the provider reports every invoice accepted by the authority")]
    [Then("nhà cung cấp báo mọi hóa đơn đã được cơ quan thuế chấp nhận")]
    public async Task ThenEveryInvoiceIsAccepted()
    {
        foreach (var sale in shop.Sales) await provider.WaitForSaleAsync(sale.ProviderId, "accepted");
    }

    [Then("every invoice has its own code, numbered without a gap")]
    [Then("mỗi hóa đơn có mã riêng, số liên tục không thiếu")]
    public async Task ThenCodesAreGapFree()
    {
        Assert.Equal(shop.Sales.Count, shop.Sales.Select(s => s.Code).Distinct().Count());
        Assert.Empty(await provider.GapsAsync([.. shop.Sales.Select(s => s.Code!)]));
    }

    private static List<SaleItem> Items(DataTable table) =>
        [.. table.Rows.Select(r => new SaleItem(r["item"], r["unit"], decimal.Parse(r["quantity"], CultureInfo.InvariantCulture),
            decimal.Parse(r["price"], CultureInfo.InvariantCulture), r["VAT"]))];

    [GeneratedRegex(@"^M1-\d\d-" + DemoData.CodeBlock + @"-\d{11}$")]
    private static partial Regex CodeOfTheBlock();
}

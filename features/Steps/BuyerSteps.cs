using System.Net;
using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>The buyer looks the invoice up at the authority with what the receipt shows.</summary>
[Binding]
public sealed class BuyerSteps(BuyerDriver buyer, ShopContext shop)
{
    [Then("the authority stores every invoice")]
    [Then("the buyer finds the invoice at the authority with its code and total")]
    [Then("cơ quan thuế lưu mọi hóa đơn")]
    [Then("người mua tra cứu được hóa đơn tại cơ quan thuế bằng mã và tổng tiền")]
    public async Task ThenTheBuyerFindsEveryInvoice()
    {
        foreach (var sale in shop.Sales) Assert.Equal(sale.Code, (await buyer.WaitUntilFoundAsync(sale.TaxCode, sale.Code!, sale.Total)).Invoice?.Code);
    }

    [Then("the buyer finds the invoice on the authority's look-up page")]
    [Then("người mua tra cứu được hóa đơn trên trang tra cứu của cơ quan thuế")]
    public async Task ThenTheBuyerFindsItOnThePage()
    {
        var page = await buyer.LookUpOnThePageAsync(shop.LastSale.TaxCode, shop.LastSale.Code!, shop.LastSale.Total);
        Assert.Equal((200, shop.LastSale.Code, shop.LastSale.TaxCode), (page.Status, page.Code, page.SellerMst));
    }

    [Then("the buyer does not find the invoice with another total")]
    public async Task ThenAWrongTotalFindsNothing() =>
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.LookUpAsync(shop.LastSale.TaxCode, shop.LastSale.Code!, shop.LastSale.Total + 1000)).Status);
}

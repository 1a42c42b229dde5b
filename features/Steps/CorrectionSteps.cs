using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>The shop corrects an invoice already accepted: adjusts it, replaces it, cancels it (docs/corrections.md).</summary>
[Binding]
public sealed class CorrectionSteps(CashierDriver cashier, ProviderDriver provider, CorrectionDriver corrections, BuyerDriver buyer, ShopContext shop)
{
    private const string Reason = "Người mua đề nghị ghi tên công ty";

    private RungSale Bill => shop.LastSale;

    private string Issued => corrections.Last.Code
        ?? throw new Xunit.Sdk.XunitException($"the provider issued nothing for the {corrections.Last.Kind}: {corrections.Last.Refusal}");

    [Given("the cashier sold a customer two iced coffees, accepted by the authority")]
    [Given("thu ngân đã bán cho khách hai ly cà phê sữa đá, được cơ quan thuế chấp nhận")]
    public async Task GivenAnAcceptedBill() => await provider.WaitForSaleAsync((await cashier.SellAsync()).ProviderId, "accepted");

    [When("the customer returns one of the iced coffees")]
    [When("khách trả lại một ly cà phê sữa đá")]
    public Task WhenOneItemIsReturned() =>
        corrections.AskAsync("adjust_decrease", Bill, "Khách trả lại 1 ly", [CashierDriver.Coffee with { Quantity = 1 }]);

    [When("the cashier finds the price was {int} đồng, not {int}")]
    [When("thu ngân phát hiện đơn giá đúng là {int} đồng, không phải {int}")]
    public Task WhenThePriceWasWrong(int right, int typed) =>
        corrections.AskAsync("adjust_increase", Bill, "Sai đơn giá", [CashierDriver.Coffee with { UnitPrice = right - typed }]);

    [Given("the buyer asked for the invoice in the name of {string}, tax code {string}")]
    [When("the buyer asks for the invoice in the name of {string}, tax code {string}")]
    [Given("người mua đã đề nghị lập hóa đơn đứng tên {string}, mã số thuế {string}")]
    [When("người mua đề nghị lập hóa đơn đứng tên {string}, mã số thuế {string}")]
    public Task WhenTheBuyerAsksForTheCompanysName(string name, string taxCode) =>
        corrections.AskAsync("replace", Bill, Reason, [CashierDriver.Coffee], (name, taxCode));

    [Given("the shop cancelled the bill because {string}")]
    [Given("cửa hàng đã hủy hóa đơn vì {string}")]
    public async Task GivenTheBillWasCancelled(string reason)
    {
        await corrections.AskAsync("cancel", Bill, reason, []);
        await corrections.WaitForInvoiceAsync(Bill.Code!, a => a.Text("state") == "cancelled", "the cancel accepted");
    }

    [When("the shop cancels the bill because {string}")]
    [When("cửa hàng hủy hóa đơn vì {string}")]
    public Task WhenTheBillIsCancelled(string reason) => corrections.AskAsync("cancel", Bill, reason, []);

    [Then("the provider issues an adjustment invoice of {int} đồng for the bill")]
    [Then("nhà cung cấp lập hóa đơn điều chỉnh {int} đồng cho hóa đơn đó")]
    public async Task ThenAnAdjustmentIsIssued(int total)
    {
        var view = await corrections.ViewAsync(Issued);
        Assert.Equal((Bill.Code, (decimal)total), (view.Adjusts, view.Total));
    }

    [Then("the provider issues a replacement invoice for the bill")]
    [Then("nhà cung cấp lập hóa đơn thay thế cho hóa đơn đó")]
    public async Task ThenAReplacementIsIssued() => Assert.Equal(Bill.Code, (await corrections.ViewAsync(Issued)).Replaces);

    [Then("the authority accepts the adjustment invoice")]
    [Then("the authority accepts the replacement invoice")]
    [Then("cơ quan thuế chấp nhận hóa đơn điều chỉnh")]
    [Then("cơ quan thuế chấp nhận hóa đơn thay thế")]
    public Task ThenTheNewInvoiceIsAccepted() => corrections.WaitForInvoiceAsync(Issued, a => a.Text("state") == "accepted", "accepted by the authority");

    [Then("the authority stores the replacement invoice in the name of {string}, tax code {string}")]
    [Then("cơ quan thuế lưu hóa đơn thay thế đứng tên {string}, mã số thuế {string}")]
    public async Task ThenTheReplacementCarriesTheCompany(string name, string taxCode)
    {
        var view = await corrections.AuthorityViewAsync(buyer, Bill.TaxCode, Issued, (await corrections.ViewAsync(Issued)).Total, _ => true);
        Assert.Equal((name, taxCode, "replaces", Bill.Code), (view.BuyerName, view.BuyerMst, view.Relation, view.RelatedCode));
    }

    [Then(@"the authority accepts the Form 04\/SS-HĐĐT cancelling the bill")]
    [Then(@"cơ quan thuế chấp nhận Mẫu 04\/SS-HĐĐT hủy hóa đơn đó")]
    public Task ThenTheCancelIsAccepted() => corrections.WaitForNoticeAcceptedAsync(Bill.Code!, "cancel");

    [Then(@"the authority accepts the Form 04\/SS-HĐĐT replacing the bill")]
    [Then(@"cơ quan thuế chấp nhận Mẫu 04\/SS-HĐĐT thay thế hóa đơn đó")]
    public Task ThenTheReplaceNoticeIsAccepted() => corrections.WaitForNoticeAcceptedAsync(Bill.Code!, "replace");

    [Then("the buyer finds the bill at the authority adjusted by the new invoice")]
    [Then("người mua tra cứu hóa đơn đó tại cơ quan thuế thấy đã được điều chỉnh bởi hóa đơn mới")]
    public async Task ThenTheBillIsAdjustedAtTheAuthority() =>
        Assert.Contains(Issued, (await corrections.AuthorityViewAsync(buyer, Bill.TaxCode, Bill.Code!, Bill.Total, v => v.State == "adjusted")).AdjustedBy!);

    [Then("the buyer finds the bill at the authority replaced by the new invoice")]
    [Then("người mua tra cứu hóa đơn đó tại cơ quan thuế thấy đã bị thay thế bởi hóa đơn mới")]
    public async Task ThenTheBillIsReplacedAtTheAuthority() =>
        Assert.Contains(Issued, (await corrections.AuthorityViewAsync(buyer, Bill.TaxCode, Bill.Code!, Bill.Total, v => v.State == "replaced")).ReplacedBy!);

    [Then("the buyer finds the bill at the authority cancelled, with the reason {string}")]
    [Then("người mua tra cứu hóa đơn đó tại cơ quan thuế thấy đã bị hủy, với lý do {string}")]
    public async Task ThenTheBillIsCancelledAtTheAuthority(string reason) =>
        Assert.Equal(reason, (await corrections.AuthorityViewAsync(buyer, Bill.TaxCode, Bill.Code!, Bill.Total, v => v.State == "cancelled")).CancelReason);

    [Then("the correction is refused because the bill {string}")]
    [Then("việc sửa hóa đơn bị từ chối vì hóa đơn {string}")]
    public void ThenTheCorrectionIsRefused(string why) =>
        Assert.Contains($"invoice {Bill.Code} {why}", corrections.Last.Refusal ?? $"(taken: {corrections.Last.Kind} → {corrections.Last.Code})");

    [Then("the provider has issued no adjustment of the bill")]
    [Then("nhà cung cấp không lập hóa đơn điều chỉnh nào cho hóa đơn đó")]
    public async Task ThenNoAdjustment() => Assert.Equal(0, (await corrections.ViewAsync(Bill.Code!)).AdjustedBy);
}

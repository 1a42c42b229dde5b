using System.Text.RegularExpressions;
using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>The shop registers a new cash register (100 → 102 → 103) and sells from the code block it was given.</summary>
[Binding]
public sealed class NewRegisterSteps(NewRegisterDriver registers, ReferenceProvider reference, ShopContext shop)
{
    private string? _block;

    [When("the shop registers a new cash register with the authority")]
    [When("cửa hàng đăng ký máy tính tiền mới với cơ quan thuế")]
    public Task WhenTheShopRegisters() => registers.RegisterAsync();

    [Then("the authority confirms receipt and accepts the register with a new code block")]
    [Then("cơ quan thuế xác nhận đã nhận và chấp nhận máy tính tiền với dải mã mới")]
    public async Task ThenTheAuthorityAccepts()
    {
        var outcome = await registers.OutcomeAsync();
        Assert.Equal<(int?, int?)>((1, 1), (outcome.Received, outcome.Accepted));
        _block = Assert.Single(outcome.NewBlocks);
    }

    [When("the new register is set up with that block")]
    [When("máy tính tiền mới được cài đặt với dải mã đó")]
    public void WhenTheNewRegisterIsSetUp() =>
        reference.Configure(o => o with { Register = ReferenceProvider.Shop with { RegisterId = "quay-2", Block = _block ?? throw new InvalidOperationException("no code block was issued") } });

    [Then("the receipt carries the first code of the new block")]
    [Then("hóa đơn mang mã đầu tiên của dải mã mới")]
    public void ThenTheFirstCodeOfTheNewBlock() =>
        Assert.Matches("^M1-\\d\\d-" + Regex.Escape(_block!) + "-00000000001$", shop.LastSale.Code ?? "");
}

using System.Net;
using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>The three ways a register reaches its provider: the API, sale files, the intermediate table.</summary>
[Binding]
public sealed class ConnectionSteps(CashierDriver cashier, ProviderDriver provider, SimulatorDriver authority, ShopContext shop)
{
    /// <summary>The POS id of the sale the register wrote into the table without waiting.</summary>
    private string? _tableSale;

    [When("the register sends the same sale again")]
    [When("máy tính tiền gửi lại cùng lần bán đó")]
    public Task WhenTheSameSaleIsSentAgain() =>
        cashier.TrySellAsync(CashierDriver.Json(shop.LastSale.PosId, shop.LastSale.Items));

    [Then("the provider answers with the same invoice, issuing nothing new")]
    [Then("nhà cung cấp trả lại đúng hóa đơn đó, không lập hóa đơn mới")]
    public void ThenTheSameInvoice() =>
        Assert.Equal((HttpStatusCode.OK, shop.LastSale.Code), (shop.LastAnswer!.Status, shop.LastAnswer.Text("code")));

    [When("the shop drops a file of {int} sales")]
    [When("cửa hàng đặt một tệp gồm {int} lần bán")]
    public Task WhenTheShopDropsAFile(int count) => cashier.DropSaleFileAsync(Sales(count, rateOfSecond: null));

    [When("the shop drops a file of {int} sales, the second one with the VAT rate {string}")]
    [When("cửa hàng đặt một tệp gồm {int} lần bán, lần thứ hai có thuế suất {string}")]
    public Task WhenTheShopDropsAFileWithAnError(int count, string rate) => cashier.DropSaleFileAsync(Sales(count, rate));

    [Then("the file is rejected with an error naming the file, row {int} and column {string}")]
    [Then("tệp bị từ chối với lỗi ghi rõ tên tệp, dòng {int} và cột {string}")]
    public void ThenTheFileIsRejected(int row, string column)
    {
        var report = shop.LastFileErrors ?? throw new Xunit.Sdk.XunitException($"the provider imported {shop.LastFile}: it was not rejected");
        Assert.Contains(SaleFileError.Read(report), e => (e.File, e.Row, e.Column) == (shop.LastFile, row, column));
    }

    [Then("the provider has issued no invoice")]
    [Then("nhà cung cấp không lập hóa đơn nào")]
    public async Task ThenNoInvoiceIssued()
    {
        var invoices = (await provider.StatusAsync()).GetProperty("invoices");
        Assert.Equal(0, invoices.EnumerateObject().Sum(s => s.Value.GetInt32()));
    }

    /// <summary>Watches the authority for a few of the provider's polls: a package sent by mistake would arrive meanwhile.</summary>
    [Then("the authority has received no invoice package")]
    [Then("cơ quan thuế không nhận được gói hóa đơn nào")]
    public async Task ThenTheAuthorityReceivedNothing() => Assert.Empty(await authority.ReceivedWithinAsync("206", TimeSpan.FromMilliseconds(400)));

    [When("the register writes a sale whose line has the VAT rate {string}")]
    [When("máy tính tiền ghi một lần bán có dòng hàng thuế suất {string}")]
    public Task WhenARowWithAnErrorIsWritten(string rate) =>
        cashier.WriteTableSaleAsync(_tableSale = "HD-" + Guid.NewGuid().ToString("N")[..12], [CashierDriver.Coffee with { Rate = rate }]);

    [Then("the sale's row is marked issued with its invoice code")]
    [Then("dòng bán hàng được đánh dấu đã lập kèm mã hóa đơn")]
    public async Task ThenTheRowIsIssued() =>
        Assert.Equal(("issued", shop.LastSale.Code), Pick(await cashier.TableRowAsync(shop.LastSale.PosId)));

    [Then("the sale's row is marked in error, naming line {int} and column {string}")]
    [Then("dòng bán hàng được đánh dấu lỗi, ghi rõ dòng {int} và cột {string}")]
    public async Task ThenTheRowIsInError(int line, string column)
    {
        var (status, code, error) = await cashier.WaitForTableRowAsync(_tableSale ?? throw new InvalidOperationException("no sale was written into the table"));
        Assert.Equal(("error", null), (status, code));
        Assert.Contains($"row {line}, column {column}", error ?? "");
    }

    private static (string, string?) Pick((string Status, string? Code, string? Error) row) => (row.Status, row.Code);

    private static List<(string PosId, IReadOnlyList<SaleItem> Items)> Sales(int count, string? rateOfSecond) =>
        [.. Enumerable.Range(1, count).Select(i => ("HD-" + i, (IReadOnlyList<SaleItem>)[i == 2 && rateOfSecond is not null ? CashierDriver.Coffee with { Rate = rateOfSecond } : CashierDriver.Coffee]))];
}

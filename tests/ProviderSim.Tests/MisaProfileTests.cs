using System.Net;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.ProviderSim.Tests;

[Collection("pipeline")]
public sealed class MisaProfileTests(PipelineFixture fixture)
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_POS_publishes_reads_back_by_TransactionID_and_RefID_and_downloads_and_gets_the_authoritys_acceptance()
    {
        await using var sim = await fixture.StartAsync("misa-meinvoice");
        using var pos = new MisaPos(sim.Address, DemoData.TaxCode);
        Assert.True((await pos.LoginAsync()).GetProperty("Success").GetBoolean());
        var refId = NewId();

        var published = await MisaPos.ListAsync(await pos.PublishAsync(MisaPos.Invoice(refId)), "PublishInvoiceResult");
        var result = published[0];
        Assert.Equal(JsonValueKind.Null, result.GetProperty("ErrorCode").ValueKind);
        var code = result.GetProperty("InvCode").GetString()!;
        Assert.Matches(@"^M1-\d\d-A1B2C-\d{11}$", code);
        var transactionId = result.GetProperty("TransactionID").GetString()!;

        var row = await pos.WaitForAsync(refId);
        Assert.Equal(code, row.GetProperty("InvCode").GetString());
        Assert.Equal(63800m, row.GetProperty("TotalAmount").GetDecimal());
        var byTransaction = await MisaPos.ListAsync(await pos.StatusAsync(1, transactionId));
        Assert.Equal(refId, byTransaction[0].GetProperty("RefID").GetString());

        var files = await MisaPos.ListAsync(await pos.DownloadAsync(transactionId));
        var pdf = Convert.FromBase64String(files[0].GetProperty("Data").GetString()!);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));

        // the same RefID again: the same invoice, nothing new issued
        var again = await MisaPos.ListAsync(await pos.PublishAsync(MisaPos.Invoice(refId)), "PublishInvoiceResult");
        Assert.Equal(code, again[0].GetProperty("InvCode").GetString());

        var deleted = await ViettelPos.BodyAsync(await pos.DeleteAsync(transactionId, "Khách trả lại hàng"));
        Assert.True(deleted.GetProperty("Success").GetBoolean(), deleted.ToString());
        Assert.True((await MisaPos.ListAsync(await pos.StatusAsync(2, refId)))[0].GetProperty("IsDelete").GetBoolean());
        // the reference provider's real cancel: a 303 to the authority, whose 301 settles it (SendTaxStatus 6, cancelled)
        var settled = await pos.WaitForAsync(refId, sendTaxStatus: 6);
        Assert.Equal("CQT đã chấp nhận hủy", settled.GetProperty("SendTaxStatusName").GetString());
        var twice = await ViettelPos.BodyAsync(await pos.DeleteAsync(transactionId, "again"));
        Assert.Equal("InvoiceDeleted", twice.GetProperty("ErrorCode").GetString());
    }

    [Fact]
    public async Task What_the_profile_refuses_comes_back_in_MISAs_error_shape()
    {
        await using var sim = await fixture.StartAsync("misa-meinvoice");
        using var pos = new MisaPos(sim.Address, DemoData.TaxCode);
        Assert.False((await pos.LoginAsync(taxcode: "0100109106")).GetProperty("Success").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await pos.PublishAsync(MisaPos.Invoice(NewId()))).StatusCode);
        await pos.LoginAsync();

        var signType = await ViettelPos.BodyAsync(await pos.PublishAsync(MisaPos.Invoice(NewId(), signType: 2)));
        Assert.False(signType.GetProperty("Success").GetBoolean());
        Assert.Equal("InvalidSignType", signType.GetProperty("ErrorCode").GetString());

        var good = NewId();
        var results = await MisaPos.ListAsync(await pos.PublishAsync(MisaPos.Invoices(5,
            MisaPos.Data(NewId(), vat: "7%"), MisaPos.Data(NewId(), claimedTotal: 1m), MisaPos.Data(good))), "PublishInvoiceResult");
        Assert.Equal("InvalidVatPercentage", results[0].GetProperty("ErrorCode").GetString());
        Assert.Equal("InvalidTotalAmount", results[1].GetProperty("ErrorCode").GetString());
        Assert.Equal(JsonValueKind.Null, results[2].GetProperty("ErrorCode").ValueKind);
    }
}

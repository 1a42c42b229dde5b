using System.Net;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>Viettel's replacement (adjustmentType 3) and adjustment (5) invoices through the profile: the reference provider's real replace and adjust.</summary>
[Collection("pipeline")]
public sealed class ViettelCorrectionTests(PipelineFixture fixture)
{
    private static string NewId() => Guid.NewGuid().ToString();

    private static async Task<(string Id, string InvoiceNo, string Code)> AcceptedAsync(ViettelPos pos)
    {
        var id = NewId();
        var result = (await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id)))).GetProperty("result");
        await pos.WaitForAsync(id);
        return (id, result.GetProperty("invoiceNo").GetString()!, result.GetProperty("codeOfTax").GetString()!);
    }

    [Fact]
    public async Task A_POS_replaces_an_accepted_invoice_and_the_retry_gets_the_same_replacement()
    {
        await using var sim = await fixture.StartAsync("viettel-sinvoice");
        using var pos = new ViettelPos(sim.Address, DemoData.TaxCode);
        await pos.LoginAsync();
        var (originalId, invoiceNo, code) = await AcceptedAsync(pos);

        var id = NewId();
        var replacement = (await ViettelPos.BodyAsync(await pos.CreateAsync(
            ViettelPos.Correction(id, "3", invoiceNo, "Sai đơn giá", unitPrice: 25000m)))).GetProperty("result");
        var newCode = replacement.GetProperty("codeOfTax").GetString()!;
        Assert.NotEqual(code, newCode);
        Assert.Matches(@"^M1-\d\d-A1B2C-\d{11}$", newCode);
        var again = (await ViettelPos.BodyAsync(await pos.CreateAsync(
            ViettelPos.Correction(id, "3", invoiceNo, "Sai đơn giá", unitPrice: 25000m)))).GetProperty("result");
        Assert.Equal(newCode, again.GetProperty("codeOfTax").GetString());

        var row = await pos.WaitForAsync(id);
        Assert.Equal("Hóa đơn thay thế", row.GetProperty("status").GetString());
        Assert.Equal("3", row.GetProperty("adjustmentType").GetString());
        Assert.Equal(27500m, row.GetProperty("totalAmountWithTax").GetDecimal());
        var original = (await ViettelPos.BodyAsync(await pos.SearchAsync(originalId))).GetProperty("result")[0];
        Assert.Equal("Hóa đơn bị thay thế", original.GetProperty("status").GetString());

        // the chain rules: a replaced invoice cannot be replaced again
        var twice = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Correction(NewId(), "3", invoiceNo, "lại")), HttpStatusCode.BadRequest);
        Assert.Equal("INVOICE_CANNOT_BE_REPLACED", twice.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task A_POS_adjusts_an_accepted_invoice_down_and_a_cancelled_one_cannot_be_adjusted()
    {
        await using var sim = await fixture.StartAsync("viettel-sinvoice");
        using var pos = new ViettelPos(sim.Address, DemoData.TaxCode);
        await pos.LoginAsync();
        var (originalId, invoiceNo, _) = await AcceptedAsync(pos);

        var id = NewId();
        var adjustment = await ViettelPos.BodyAsync(await pos.CreateAsync(
            ViettelPos.Correction(id, "5", invoiceNo, "Giảm giá sau bán", unitPrice: 10000m, decrease: true)));
        Assert.Equal(JsonValueKind.Null, adjustment.GetProperty("errorCode").ValueKind);
        var row = await pos.WaitForAsync(id);
        Assert.Equal("Hóa đơn điều chỉnh", row.GetProperty("status").GetString());
        Assert.Equal(-11000m, row.GetProperty("totalAmountWithTax").GetDecimal());
        var original = (await ViettelPos.BodyAsync(await pos.SearchAsync(originalId))).GetProperty("result")[0];
        Assert.Equal("Hóa đơn bị điều chỉnh", original.GetProperty("status").GetString());

        var (_, other, _) = await AcceptedAsync(pos);
        await ViettelPos.BodyAsync(await pos.CancelAsync(other, "Biên bản hủy"));
        var refused = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Correction(NewId(), "5", other, "tăng")), HttpStatusCode.BadRequest);
        Assert.Equal("INVOICE_CANNOT_BE_ADJUSTED", refused.GetProperty("errorCode").GetString());

        var unknown = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Correction(NewId(), "5", "C26MYY999999", "tăng")), HttpStatusCode.NotFound);
        Assert.Equal("INVOICE_NOT_FOUND", unknown.GetProperty("errorCode").GetString());
    }
}

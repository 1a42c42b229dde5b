using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.ProviderSim.Tests;

[Collection("pipeline")]
public sealed class ViettelProfileTests(PipelineFixture fixture)
{
    private static string NewId() => Guid.NewGuid().ToString();

    [Fact]
    public async Task A_POS_issues_reads_back_lists_downloads_and_cancels_and_gets_the_authoritys_acceptance()
    {
        await using var sim = await fixture.StartAsync("viettel-sinvoice");
        using var pos = new ViettelPos(sim.Address, DemoData.TaxCode);
        Assert.Equal(HttpStatusCode.OK, (await pos.LoginAsync()).StatusCode);
        var id = NewId();

        var created = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id)));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("errorCode").ValueKind);
        var result = created.GetProperty("result");
        var code = result.GetProperty("codeOfTax").GetString()!;
        Assert.Matches(@"^M1-\d\d-A1B2C-\d{11}$", code);
        var invoiceNo = result.GetProperty("invoiceNo").GetString()!;
        Assert.StartsWith("C", invoiceNo);
        Assert.Equal(id, result.GetProperty("transactionID").GetString());

        // the reference provider packaged, signed and sent it; the simulator's 204 came back
        var row = await pos.WaitForAsync(id);
        Assert.Equal(code, row.GetProperty("codeOfTax").GetString());
        Assert.Equal(63800m, row.GetProperty("totalAmountWithTax").GetDecimal());
        Assert.True(await StoredAtAuthorityAsync(code), "the authority does not store " + code);

        var list = await ViettelPos.BodyAsync(await pos.ListAsync(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1))));
        Assert.Contains(list.GetProperty("invoices").EnumerateArray(), i => i.GetProperty("transactionUuid").GetString() == id);

        var file = await ViettelPos.BodyAsync(await pos.FileAsync(invoiceNo));
        var pdf = Convert.FromBase64String(file.GetProperty("fileToBytes").GetString()!);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Contains(code, System.Text.Encoding.ASCII.GetString(pdf));

        var cancelled = await ViettelPos.BodyAsync(await pos.CancelAsync(invoiceNo, "Biên bản hủy số 01"));
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("errorCode").ValueKind);
        // the reference provider's real cancel: a signed 303 (TCTBao 1); the authority's 301 settles it
        var after = await pos.WaitForAsync(id, "cancelled");
        Assert.Equal("Hóa đơn đã hủy", after.GetProperty("status").GetString());
        Assert.Equal("CQT đã chấp nhận hủy", after.GetProperty("exchangeDes").GetString());
        var again = await ViettelPos.BodyAsync(await pos.CancelAsync(invoiceNo, "again"), HttpStatusCode.BadRequest);
        Assert.Equal("INVOICE_CANCELLED", again.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task A_retry_with_the_same_transactionUuid_gets_the_same_invoice()
    {
        await using var sim = await fixture.StartAsync("viettel-sinvoice");
        using var pos = new ViettelPos(sim.Address, DemoData.TaxCode);
        await pos.LoginAsync();
        var id = NewId();
        var first = (await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id)))).GetProperty("result");
        var second = (await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id)))).GetProperty("result");
        Assert.Equal(first.GetProperty("codeOfTax").GetString(), second.GetProperty("codeOfTax").GetString());
    }

    [Fact]
    public async Task What_the_profile_refuses_comes_back_in_Viettels_error_shape_and_nothing_is_issued()
    {
        await using var sim = await fixture.StartAsync("viettel-sinvoice");
        using var pos = new ViettelPos(sim.Address, DemoData.TaxCode);
        await pos.LoginAsync();

        var id = NewId();
        var wrongTotal = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id, claimedTotal: 60000m)), HttpStatusCode.BadRequest);
        Assert.Equal("BAD_REQUEST", wrongTotal.GetProperty("errorCode").GetString());
        Assert.Contains("totalAmountWithTax", wrongTotal.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await pos.SearchAsync(id)).StatusCode);

        var noName = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(NewId(), itemName: "")), HttpStatusCode.BadRequest);
        Assert.Contains("itemInfo[0].itemName", noName.GetProperty("description").GetString());

        using var otherSeller = new ViettelPos(sim.Address, "0100109106");
        await otherSeller.LoginAsync();
        var wrongSeller = await ViettelPos.BodyAsync(await otherSeller.CreateAsync(ViettelPos.Invoice(NewId())), HttpStatusCode.BadRequest);
        Assert.Equal("SUPPLIER_TAX_CODE_INVALID", wrongSeller.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Without_a_token_or_credentials_the_API_answers_401()
    {
        await using var sim = await fixture.StartAsync("viettel-sinvoice");
        using var pos = new ViettelPos(sim.Address, DemoData.TaxCode);
        var body = await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(NewId())), HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await pos.LoginAsync(password: "")).StatusCode);
    }

    private async Task<bool> StoredAtAuthorityAsync(string code)
    {
        using var http = new HttpClient { BaseAddress = fixture.Pipeline.Authority };
        http.DefaultRequestHeaders.Add("X-Api-Key", DemoData.TvanApiKey);
        using var response = await http.GetAsync($"api/v1/invoices/{DemoData.TaxCode}/{code}");
        return response.StatusCode == HttpStatusCode.OK;
    }
}

public sealed class PathNamesTests
{
    [Theory]
    [InlineData("lines[2].unitPrice", "itemInfo[2].unitPrice", "OriginalInvoiceDetail[2].UnitPrice")]
    [InlineData("lines[0].unit", "itemInfo[0].unitName", "OriginalInvoiceDetail[0].UnitName")]
    [InlineData("lines[1]", "itemInfo[1]", "OriginalInvoiceDetail[1]")]
    [InlineData("buyer.taxCode", "buyerInfo.buyerTaxCode", "BuyerTaxCode")]
    [InlineData("lines", "lines", "lines")]
    public void The_references_paths_read_in_each_providers_names(string path, string viettel, string misa)
    {
        var lines = new Dictionary<string, string> { ["unit"] = "unitName", ["unitPrice"] = "unitPrice" };
        Assert.Equal(viettel, Backend.BackendContext.Rename(path, "itemInfo", lines, new Dictionary<string, string> { ["buyer.taxCode"] = "buyerInfo.buyerTaxCode" }));
        var misaLines = new Dictionary<string, string> { ["unit"] = "UnitName", ["unitPrice"] = "UnitPrice" };
        Assert.Equal(misa, Backend.BackendContext.Rename(path, "OriginalInvoiceDetail", misaLines, new Dictionary<string, string> { ["buyer.taxCode"] = "BuyerTaxCode" }));
    }
}

using System.Net;
using System.Xml.Linq;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>The VNPT Invoice profile: a POS issues a cash-register invoice over SOAP, reads it back by Fkey, lists, downloads and cancels it.</summary>
[Collection("pipeline")]
public sealed class VnptProfileTests(PipelineFixture fixture)
{
    private static string NewFkey() => "POS1-" + Guid.NewGuid().ToString("N")[..20];

    [Fact]
    public async Task A_POS_issues_reads_back_lists_downloads_and_cancels_and_gets_the_authoritys_codes()
    {
        await using var sim = await fixture.StartAsync("vnpt-invoice");
        using var pos = new VnptPos(sim.Address);
        var fkey = NewFkey();

        var result = await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(fkey)));
        var m = System.Text.RegularExpressions.Regex.Match(result, @"^OK:2/001;(?<serial>\w+)-(?<key>[^_]+)_(?<no>\d+)_(?<code>M1-\d\d-A1B2C-\d{11})$");
        Assert.True(m.Success, result);
        Assert.Equal(fkey, m.Groups["key"].Value);
        var code = m.Groups["code"].Value;

        var accepted = await pos.WaitForAsync(fkey);
        Assert.Equal(code, accepted.Element("MCCQThue")!.Value);
        Assert.Equal(63800m, (decimal)accepted.Element("TgTTTBSo")!);
        Assert.Equal(m.Groups["no"].Value, accepted.Element("SHDon")!.Value);

        // the same Fkey again: ERR:13, nothing issued; the look-up still finds the one invoice
        Assert.StartsWith("ERR:13", await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(fkey))));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var list = XElement.Parse(await VnptPos.ResultAsync(await pos.ListAsync(from: today.AddDays(-1), to: today.AddDays(1))));
        Assert.Contains(list.Elements("Item"), i => i.Element("fkey")!.Value == fkey && i.Element("MCCQT")!.Value == code);
        var one = XElement.Parse(await VnptPos.ResultAsync(await pos.ListAsync(key: fkey)));
        Assert.Single(one.Elements("Item"));

        var pdf = Convert.FromBase64String(await VnptPos.ResultAsync(await pos.PdfAsync(fkey)));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Contains(code, System.Text.Encoding.ASCII.GetString(pdf));

        // cancelInv: the reference provider's real cancel — a 303 to the authority, whose 301 settles it (TThai 6)
        Assert.Equal("OK:", await VnptPos.ResultAsync(await pos.CancelAsync(fkey)));
        var cancelled = await pos.WaitForAsync(fkey, tthai: 6);
        Assert.Equal("CQT đã chấp nhận hủy", cancelled.Element("TTThai")!.Value);
        Assert.Equal("ERR:8", await VnptPos.ResultAsync(await pos.CancelAsync(fkey)));
        Assert.Equal("ERR:2", await VnptPos.ResultAsync(await pos.CancelAsync("no-such-fkey")));
    }

    [Fact]
    public async Task What_the_profile_refuses_comes_back_as_VNPTs_ERR_results_and_nothing_is_issued()
    {
        await using var sim = await fixture.StartAsync("vnpt-invoice");
        using var pos = new VnptPos(sim.Address);

        var fkey = NewFkey();
        var wrongTotal = await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(fkey, claimedTotal: 60000m)));
        Assert.StartsWith("ERR:3:", wrongTotal);
        Assert.Contains("TgTTTBSo", wrongTotal);
        Assert.Null(await pos.LookUpAsync(fkey));

        var noName = await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(NewFkey(), itemName: "")));
        Assert.Contains("HHDVu[0].THHDVu", noName);

        // a batch is checked whole: one bad HDon, nothing issued
        var good = NewFkey();
        Assert.StartsWith("ERR:3:HDon[1]", await VnptPos.ResultAsync(await pos.PublishAsync([VnptPos.Invoice(good), VnptPos.Invoice(NewFkey(), claimedTotal: 1m)])));
        Assert.Null(await pos.LookUpAsync(good));

        pos.Account = "";
        Assert.Equal("ERR:1", await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(NewFkey()))));

        using var http = new HttpClient { BaseAddress = sim.Address };
        using var notSoap = await http.PostAsync("PublishService.asmx", new StringContent("<not-soap", System.Text.Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.BadRequest, notSoap.StatusCode);
        Assert.Contains("soap:Client", await notSoap.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_batch_of_two_HDon_is_issued_as_two_invoices()
    {
        await using var sim = await fixture.StartAsync("vnpt-invoice");
        using var pos = new VnptPos(sim.Address);
        var (a, b) = (NewFkey(), NewFkey());
        var result = await VnptPos.ResultAsync(await pos.PublishAsync([VnptPos.Invoice(a), VnptPos.Invoice(b, unitPrice: 35000m, quantity: 1)]));
        var issued = result[(result.IndexOf('-') + 1)..].Split(',');
        Assert.Equal(2, issued.Length);
        Assert.StartsWith(a + "_", issued[0]);
        Assert.StartsWith(b + "_", issued[1]);
        Assert.Equal(38500m, (decimal)(await pos.WaitForAsync(b)).Element("TgTTTBSo")!);
    }
}

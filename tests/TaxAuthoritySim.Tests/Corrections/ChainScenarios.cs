using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using static ConformanceKit.Einvoice.Samples.SampleErroneousNoticeBuilder;
using C = ConformanceKit.TaxAuthoritySim.Tests.Support.Corrections;

namespace ConformanceKit.TaxAuthoritySim.Tests.Corrections;

/// <summary>
/// Replacement and adjustment invoices (TTHDLQuan): the chain rules at Step 1 (9001, 9002), the invoice's state on the
/// look-up and operator pages, and what slips past Step 1 found by the monthly Step 2 (8004, 8005, 8006).
/// </summary>
public abstract class ChainScenarios(StoreKind kind) : SimulatorOnStore(kind)
{
    [Fact]
    public async Task Step_1_takes_allowed_replacements_and_adjustments_and_refuses_the_others()
    {
        var tvan = Sim.Tvan();
        // Adjusted twice (allowed), then a replacement of it is 9001.
        var x = C.Of(await tvan.StoredAsync(C.Invoice()));
        var adjustment = C.Of(await tvan.StoredAsync(C.Invoice(x, 2)));
        await tvan.StoredAsync(C.Invoice(x, 2));
        Assert.Equal(["9001"], await tvan.CodesAsync(C.Invoice(x, 1)));

        // Replaced once (allowed); a second replacement is 9001, an adjustment of it 9002.
        var y = C.Of(await tvan.StoredAsync(C.Invoice()));
        var replacement = C.Of(await tvan.StoredAsync(C.Invoice(y, 1)));
        Assert.Equal(["9001"], await tvan.CodesAsync(C.Invoice(y, 1)));
        Assert.Equal(["9002"], await tvan.CodesAsync(C.Invoice(y, 2)));

        // A replacement is not adjusted (9002); an adjustment is neither adjusted (9002) nor replaced (9001).
        Assert.Equal(["9002"], await tvan.CodesAsync(C.Invoice(replacement, 2)));
        Assert.Equal(["9002"], await tvan.CodesAsync(C.Invoice(adjustment, 2)));
        Assert.Equal(["9001"], await tvan.CodesAsync(C.Invoice(adjustment, 1)));

        // A cancelled invoice is neither replaced (9001) nor adjusted (9002).
        var z = C.Of(await tvan.StoredAsync(C.Invoice()));
        Assert.Equal(1, (await tvan.ReplyAsync(C.Notice([new(z, Correction.Cancel, "Hủy do lập sai")]))).Invoices[0].Accepted);
        Assert.Equal(["9001"], await tvan.CodesAsync(C.Invoice(z, 1)));
        Assert.Equal(["9002"], await tvan.CodesAsync(C.Invoice(z, 2)));

        // A related invoice the store does not hold is not judged at Step 1.
        var elsewhere = C.Of(Packages.Unsigned(Packages.Options(invoices: 1) with { SalesInvoiceEvery = 0 }));
        Assert.Empty(await tvan.CodesAsync(C.Invoice(elsewhere, 1)));
    }

    [Fact]
    public async Task Two_replacements_of_one_stored_invoice_in_one_package_fail_on_the_second()
    {
        var tvan = Sim.Tvan();
        var y = C.Of(await tvan.StoredAsync(C.Invoice()));
        var package = Packages.Signed(Packages.Options(invoices: 2) with { SalesInvoiceEvery = 0 }, change: p =>
        {
            p.Invoices[0].General.RelatedInvoice = C.RelatedTo(y, 1);
            p.Invoices[1].General.RelatedInvoice = C.RelatedTo(y, 1);
        });
        await tvan.PostMessageAsync(package);
        var error = Assert.Single((await tvan.NoticeAsync(Packages.IdOf(package))).Errors!);
        Assert.Equal("9001", error.Code);
        Assert.Contains("/TDiep/DLieu/HDon[2]/", error.Note);
        Assert.Contains("(this package)", error.Text);
    }

    [Fact]
    public async Task A_replacement_of_a_cancelled_invoice_is_9001_located_at_TTHDLQuan()
    {
        var tvan = Sim.Tvan();
        var z = C.Of(await tvan.StoredAsync(C.Invoice()));
        await tvan.ReplyAsync(C.Notice([new(z, Correction.Cancel, "Hủy do lập sai")]));
        var package = C.Invoice(z, 1);
        await tvan.PostMessageAsync(package);
        var notice = await tvan.NoticeAsync(Packages.IdOf(package));
        var error = Assert.Single(notice.Errors!);
        Assert.Equal("9001", error.Code);
        Assert.Contains("/TDiep/DLieu/HDon[1]/DLHDon/TTChung/TTHDLQuan", error.Note);
        Assert.Contains("cancelled by", error.Text);
    }

    [Fact]
    public async Task The_look_up_and_operator_pages_show_the_state_and_the_chain()
    {
        var tvan = Sim.Tvan();
        var yPackage = await tvan.StoredAsync(C.Invoice());
        var y = C.Of(yPackage);
        var rPackage = await tvan.StoredAsync(C.Invoice(y, 1));
        var r = C.Of(rPackage);
        var aPackage = await tvan.StoredAsync(C.Invoice());
        var zPackage = await tvan.StoredAsync(C.Invoice());
        var z = C.Of(zPackage);
        await tvan.ReplyAsync(C.Notice([new(z, Correction.Cancel, "Hủy do lập sai")]));

        var browser = await Sim.LoggedInAsync();
        async Task<string> Lookup(byte[] package) =>
            await (await browser.GetAsync($"/lookup?mst={DemoData.TaxCode}&code={C.Of(package).Code}&total={PageLogin.TotalOf(package)}"))
                .Content.ReadAsStringAsync();
        Assert.Contains($"Đã bị thay thế bởi hóa đơn {r.Code}", await Lookup(yPackage));
        var rPage = await Lookup(rPackage);
        Assert.Contains("id=\"inv-related\">Thay thế cho hóa đơn 1/" + y.General.Series + "/" + y.General.Number, rPage);
        Assert.Contains("Hóa đơn đang có hiệu lực", rPage);
        Assert.Contains("Đã bị hủy (thông báo 04/SS-HĐĐT", await Lookup(zPackage));
        Assert.Contains("lý do: Hủy do lập sai", await Lookup(zPackage));
        Assert.DoesNotContain("inv-related", await Lookup(aPackage));

        // The look-up JSON says the same as data (additive fields of InvoiceView).
        async Task<JsonElement> View(ConformanceKit.Einvoice.Model.CashRegisterInvoice i) =>
            await tvan.GetFromJsonAsync<JsonElement>($"/api/v1/invoices/{DemoData.TaxCode}/{i.Code}");
        var yView = await View(y);
        Assert.Equal(("replaced", r.Code), (yView.GetProperty("state").GetString(), yView.GetProperty("replacedBy")[0].GetString()));
        var rView = await View(r);
        Assert.Equal(("issued", "replaces", y.Code, $"1/{y.General.Series}/{y.General.Number}"),
            (rView.GetProperty("state").GetString(), rView.GetProperty("relation").GetString(), rView.GetProperty("relatedCode").GetString(),
             rView.GetProperty("relatedInvoice").GetString()));
        var zView = await View(z);
        Assert.Equal(("cancelled", "Hủy do lập sai"), (zView.GetProperty("state").GetString(), zView.GetProperty("cancelReason").GetString()));
        Assert.StartsWith("V", zView.GetProperty("cancelledBy").GetString());
        Assert.Equal(JsonValueKind.Null, (await View(C.Of(aPackage))).GetProperty("relation").ValueKind);

        var page = await (await browser.GetAsync("/messages/" + Packages.IdOf(yPackage))).Content.ReadAsStringAsync();
        Assert.Contains("replaced by " + r.Code, page);
        var rOperator = await (await browser.GetAsync("/messages/" + Packages.IdOf(rPackage))).Content.ReadAsStringAsync();
        Assert.Contains("replaces 1/" + y.General.Series + "/" + y.General.Number, rOperator);

        // The 303's page: its 301 verdicts, and the invoices it concerns with their state.
        var cancel = C.Notice([new(C.Of(aPackage), Correction.Cancel, "Hủy")]);
        await tvan.ReplyAsync(cancel);
        var noticePage = await (await browser.GetAsync("/messages/" + Packages.IdOf(cancel))).Content.ReadAsStringAsync();
        Assert.Contains("1 tiếp nhận / accepted", noticePage);
        Assert.Contains("cancelled by " + Packages.IdOf(cancel), noticePage);
    }

    [Fact]
    public async Task Step_2_finds_the_chain_violations_that_slipped_past_step_1_and_a_replaced_invoice_without_04SS()
    {
        var tvan = Sim.Tvan();
        // 8004: R replaces X before X arrives; X turns out to be an adjustment of W. X is void without a 04/SS: 8006.
        var w = C.Of(await tvan.StoredAsync(C.Invoice()));
        var xPackage = C.Invoice(w, 2);
        var x = C.Of(xPackage);
        var r = C.Of(await tvan.StoredAsync(C.Invoice(x, 1)));
        await tvan.StoredAsync(xPackage);

        // 8005: A adjusts Q before Q arrives; Q turns out to be a replacement of V. V is void without a 04/SS: 8006.
        var v = C.Of(await tvan.StoredAsync(C.Invoice()));
        var qPackage = C.Invoice(v, 1);
        var q = C.Of(qPackage);
        var a = C.Of(await tvan.StoredAsync(C.Invoice(q, 2)));
        await tvan.StoredAsync(qPackage);

        // No 8006: the replaced invoice has its 04/SS (a replace entry, accepted after the replacement).
        var s = C.Of(await tvan.StoredAsync(C.Invoice()));
        await tvan.StoredAsync(C.Invoice(s, 1));
        Assert.Equal(1, (await tvan.ReplyAsync(C.Notice([new(s, Correction.Replace, "Lập hóa đơn thay thế do sai tên người mua")]))).Invoices[0].Accepted);

        var result = await (await Sim.Admin().PostAsJsonAsync("/admin/v1/reconciliation", new { month = "2025-06" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var findings = result.GetProperty("findings").EnumerateArray()
            .Select(f => (Code: f.GetProperty("code").GetString()!, Invoice: f.GetProperty("invoiceCode").GetString()!,
                Message: f.GetProperty("message").GetString()!))
            .ToList();
        string[] CodesOf(string code) => [.. findings.Where(f => f.Invoice == code).Select(f => f.Code)];
        Assert.Equal(["8004"], CodesOf(r.Code!));
        Assert.Equal(["8005"], CodesOf(a.Code!));
        Assert.Equal(["8006"], CodesOf(x.Code!));
        Assert.Equal(["8006"], CodesOf(v.Code!));
        Assert.Empty(CodesOf(s.Code!));
        Assert.Empty(CodesOf(w.Code!));
        Assert.Contains("itself an adjustment invoice", findings.Single(f => f.Code == "8004").Message);
        Assert.StartsWith("Hóa đơn đã hủy nhưng không có thông báo", findings.First(f => f.Code == "8006").Message);
        Assert.Equal(4, findings.Count);
    }
}

public sealed class SqliteChains() : ChainScenarios(StoreKind.Sqlite);

public sealed class PostgresChains() : ChainScenarios(StoreKind.Postgres);

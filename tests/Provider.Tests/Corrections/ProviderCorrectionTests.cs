using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;
using ConformanceKit.Provider.Signing;

namespace ConformanceKit.Provider.Tests.Corrections;

/// <summary>Cancel and replace through the provider's API, against the in-process simulator (docs/corrections.md).</summary>
public sealed class ProviderCorrectionTests
{
    private static readonly object Replacement = new
    {
        reason = "Sai tên người mua",
        buyer = new { name = "Công ty TNHH Minh Anh", taxCode = "0309478306", address = "12 Lê Lợi, Quận 1, TP. Hồ Chí Minh" },
        lines = new[] { new { name = "Cà phê sữa đá", unit = "Ly", quantity = 2, unitPrice = 29000, rate = "10%" } },
    };

    private static async Task<string> AcceptedSaleAsync(Pipeline p, string saleId)
    {
        var code = (await p.SellAsync(saleId)).GetProperty("code").GetString()!;
        await p.WaitUntilAsync(s => s.InvoiceByCode(code)?.State == InvoiceState.Accepted, $"{code} is accepted");
        return code;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(Pipeline p, string path, object body)
    {
        using var response = await p.Api.PostAsJsonAsync(path, body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The buyer's look-up page of the simulator for one of the provider's invoices.</summary>
    private static async Task<string> LookupPageAsync(Pipeline p, string code)
    {
        var invoice = await p.GetAsync($"api/v1/invoices/{code}");
        using var http = new HttpClient { BaseAddress = p.Simulator };
        var total = invoice.GetProperty("totalPayable").GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await http.GetStringAsync($"/lookup?mst={DemoData.TaxCode}&code={code}&total={total}");
    }

    [Fact]
    public async Task A_cancel_the_authority_accepts_makes_the_invoice_cancelled()
    {
        await using var p = await Pipeline.StartAsync();
        var code = await AcceptedSaleAsync(p, "sale-1");

        var (status, body) = await PostAsync(p, $"api/v1/invoices/{code}/cancel", new { reason = "Hủy do nhập sai đơn giá" });
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {body}");
        var noticeId = body.GetProperty("notice").GetString()!;
        Assert.Equal(InvoiceState.Cancelling, body.GetProperty("invoice").GetProperty("state").GetString());

        await p.WaitUntilAsync(s => s.InvoiceByCode(code)?.State == InvoiceState.Cancelled, "the invoice is cancelled");
        var notice = p.Store.FindPackage(noticeId)!;
        Assert.Equal("303", notice.Kind);
        Assert.Equal(PackageState.Accepted, notice.State);
        var view = await p.GetAsync($"api/v1/invoices/{code}");
        Assert.Equal("cancelled", view.GetProperty("state").GetString());
        var entry = Assert.Single(view.GetProperty("notices").EnumerateArray());
        Assert.Equal("cancel", entry.GetProperty("action").GetString());
        Assert.True(entry.GetProperty("accepted").GetBoolean());

        var page = await LookupPageAsync(p, code);
        Assert.Contains("Đã bị hủy", page);
        Assert.Contains("Hủy do nhập sai đơn giá", page);

        // Cancelled: a second cancel and a replacement are refused here, before anything is sent.
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(p, $"api/v1/invoices/{code}/cancel", new { reason = "again" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(p, $"api/v1/invoices/{code}/replace", Replacement)).Status);
        Assert.Single(p.Store.Packages(), k => k.Kind == "303");
    }

    [Fact]
    public async Task A_cancel_the_authority_refuses_surfaces_the_301_reasons()
    {
        await using var p = await Pipeline.StartAsync();
        var code = await AcceptedSaleAsync(p, "sale-1");
        // Another system (a second provider, the shop's old software) cancels it at the authority first.
        var invoice = CashRegister.Rebuild(Pipeline.Register, p.Store.Invoice(code)).Invoice;
        var notice = SampleErroneousNoticeBuilder.BuildSigned([new(invoice, SampleErroneousNoticeBuilder.Correction.Cancel, "Hủy ở hệ thống khác")],
            SamplePackageBuilder.CreateCertificate(), DateTime.UtcNow.AddHours(7));
        using (var tvan = new HttpClient { BaseAddress = p.Simulator })
        {
            tvan.DefaultRequestHeaders.Add("X-Api-Key", DemoData.TvanApiKey);
            using var sent = await tvan.PostAsync("api/v1/messages", new ByteArrayContent(notice));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            var id = System.Text.RegularExpressions.Regex.Match(System.Text.Encoding.UTF8.GetString(notice), "<MTDiep>([^<]+)</MTDiep>").Groups[1].Value;
            Assert.True(await Eventually.TryUntilAsync(async () =>
                (await tvan.GetStringAsync($"api/v1/messages/{id}/responses")).Contains("01/TB-HĐSS", StringComparison.Ordinal),
                TimeSpan.FromSeconds(20)), "the other 303 is answered");
        }

        var (status, body) = await PostAsync(p, $"api/v1/invoices/{code}/cancel", new { reason = "Hủy do nhập sai đơn giá" });
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {body}");
        await p.WaitUntilAsync(s => s.NoticeItemsOf(code).Any(i => i.Accepted is not null), "the 301 came");

        var view = await p.GetAsync($"api/v1/invoices/{code}");
        Assert.Equal("accepted", view.GetProperty("state").GetString()); // it still stands, as far as this provider knows
        Assert.Equal("9103", view.GetProperty("codes").GetString());
        Assert.Contains("cancel refused by the authority", view.GetProperty("detail").GetString());
        var entry = Assert.Single(view.GetProperty("notices").EnumerateArray());
        Assert.False(entry.GetProperty("accepted").GetBoolean());
        Assert.Equal("refused", entry.GetProperty("state").GetString());
        Assert.Contains("9103", entry.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_invoice_the_authority_has_not_accepted_cannot_be_corrected()
    {
        await using var p = await Pipeline.StartAsync(o => o with { Sync = SyncMode.Manual });
        var code = (await p.SellAsync("sale-1")).GetProperty("code").GetString()!;
        var (status, body) = await PostAsync(p, $"api/v1/invoices/{code}/cancel", new { reason = "Hủy" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("is issued", body.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(p, $"api/v1/invoices/{code}/replace", Replacement)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(p, "api/v1/invoices/M1-26-A1B2C-00000000099/cancel", new { reason = "Hủy" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(p, $"api/v1/invoices/{code}/cancel", new { reason = " " })).Status);
        Assert.Empty(p.Store.Packages());
    }

    [Fact]
    public async Task A_replacement_is_accepted_and_linked_and_a_second_one_is_refused()
    {
        await using var p = await Pipeline.StartAsync();
        var code = await AcceptedSaleAsync(p, "sale-1");

        var (status, body) = await PostAsync(p, $"api/v1/invoices/{code}/replace", Replacement);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        var replacement = body.GetProperty("replacement").GetProperty("code").GetString()!;
        Assert.NotEqual(code, replacement);
        Assert.EndsWith("-00000000002", replacement);
        Assert.Equal(code, body.GetProperty("replacement").GetProperty("replaces").GetString());

        await p.WaitUntilAsync(s => s.InvoiceByCode(replacement)?.State == InvoiceState.Accepted, "the replacement is accepted");
        await p.WaitUntilAsync(s => s.NoticeItemsOf(code).Any(i => i.Accepted == true), "the 303 (TCTBao 3) is accepted");
        var original = await p.GetAsync($"api/v1/invoices/{code}");
        Assert.Equal(replacement, original.GetProperty("replacedBy").GetString());
        Assert.Equal("replace", Assert.Single(original.GetProperty("notices").EnumerateArray()).GetProperty("action").GetString());
        Assert.Contains($"Đã bị thay thế bởi hóa đơn {replacement}", await LookupPageAsync(p, code));

        var (again, refusal) = await PostAsync(p, $"api/v1/invoices/{code}/replace", Replacement);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains($"already replaced by {replacement}", refusal.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(p, $"api/v1/invoices/{code}/cancel", new { reason = "Hủy" })).Status);
        var (adjust, adjustRefusal) = await PostAsync(p, $"api/v1/invoices/{code}/adjust", Increase("adj-1"));
        Assert.Equal(HttpStatusCode.Conflict, adjust);
        Assert.Contains("already replaced", adjustRefusal.GetProperty("detail").GetString());
        Assert.Equal(2, p.Store.Invoices().Count); // no third code was used
        Assert.Single(p.Store.Packages(), k => k.Kind == "303");
    }

    [Fact]
    public async Task A_restart_before_the_303_got_through_sends_the_same_303()
    {
        await using var p = await Pipeline.StartAsync(o => o with { RetryBase = TimeSpan.FromMilliseconds(300) });
        var code = await AcceptedSaleAsync(p, "sale-1");
        await Pipeline.AddFaultAsync(p.Simulator, new { action = "Status503", route = "/api/v1/messages", firstN = 1000 });

        var (status, body) = await PostAsync(p, $"api/v1/invoices/{code}/cancel", new { reason = "Hủy do nhập sai đơn giá" });
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {body}");
        var noticeId = body.GetProperty("notice").GetString()!;
        await p.WaitUntilAsync(s => s.FindPackage(noticeId) is { Attempts: > 0 }, "a send of the 303 failed");
        var before = p.Store.FindPackage(noticeId)!;
        Assert.Equal(PackageState.Ready, before.State);

        await p.RestartAsync();
        using (var admin = Pipeline.Admin(p.Simulator)) (await admin.DeleteAsync("admin/v1/faults")).EnsureSuccessStatusCode();

        await p.WaitUntilAsync(s => s.InvoiceByCode(code)?.State == InvoiceState.Cancelled, "the invoice is cancelled after the restart");
        var notice = Assert.Single(p.Store.Packages(), k => k.Kind == "303");
        Assert.Equal(noticeId, notice.MessageId);
        Assert.Equal(before.Signed, notice.Signed);
        using var tvan = new HttpClient { BaseAddress = p.Simulator };
        tvan.DefaultRequestHeaders.Add("X-Api-Key", DemoData.TvanApiKey);
        Assert.Contains("01/TB-HĐSS", await tvan.GetStringAsync($"api/v1/messages/{noticeId}/responses"));
    }

    [Fact]
    public async Task In_token_mode_the_303_waits_for_its_signature_like_a_package()
    {
        await using var p = await Pipeline.StartAsync(signer: new DeferredTokenSigner());
        using var token = new PfxPackageSigner(SamplePackageBuilder.CreateCertificate());
        async Task SignWaitingAsync(string kind)
        {
            await p.WaitUntilAsync(s => s.Packages(PackageState.ToSign).Any(k => k.Kind == kind), $"a {kind} waits for its signature");
            var waiting = p.Store.Packages(PackageState.ToSign).Single(k => k.Kind == kind);
            var unsigned = await p.Api.GetByteArrayAsync($"api/v1/packages/{waiting.MessageId}/unsigned");
            using var content = new ByteArrayContent((await token.SignAsync(unsigned, DateTime.UtcNow.AddHours(7), CancellationToken.None))!);
            using var response = await p.Api.PutAsync($"api/v1/packages/{waiting.MessageId}/signed", content);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var code = (await p.SellAsync("sale-1")).GetProperty("code").GetString()!;
        await SignWaitingAsync("206");
        await p.WaitUntilAsync(s => s.InvoiceByCode(code)?.State == InvoiceState.Accepted, "the invoice is accepted");
        var (status, body) = await PostAsync(p, $"api/v1/invoices/{code}/cancel", new { reason = "Hủy do nhập sai đơn giá" });
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {body}");
        await SignWaitingAsync("303");
        await p.WaitUntilAsync(s => s.InvoiceByCode(code)?.State == InvoiceState.Cancelled, "the invoice is cancelled");
    }

    private static object Increase(string saleId, string direction = "increase") => new
    {
        saleId, direction, lines = new[] { new { name = "Cà phê sữa đá (điều chỉnh)", unit = "Ly", quantity = 1, unitPrice = 29000, rate = "10%" } },
    };

    [Fact]
    public async Task Adjustments_up_and_down_are_accepted_and_linked_and_the_chain_rules_hold()
    {
        await using var p = await Pipeline.StartAsync();
        var code = await AcceptedSaleAsync(p, "sale-1");

        var (status, body) = await PostAsync(p, $"api/v1/invoices/{code}/adjust", Increase("adj-1"));
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        var up = body.GetProperty("adjustment").GetProperty("code").GetString()!;
        Assert.Equal(code, body.GetProperty("adjustment").GetProperty("adjusts").GetString());
        Assert.Equal(31900m, body.GetProperty("adjustment").GetProperty("totalPayable").GetDecimal());
        var (retry, again) = await PostAsync(p, $"api/v1/invoices/{code}/adjust", Increase("adj-1"));
        Assert.Equal(HttpStatusCode.OK, retry); // the same adjustment id: the first adjustment, no new code
        Assert.Equal(up, again.GetProperty("adjustment").GetProperty("code").GetString());

        (status, body) = await PostAsync(p, $"api/v1/invoices/{code}/adjust", Increase("adj-2", "decrease"));
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        var down = body.GetProperty("adjustment").GetProperty("code").GetString()!;
        Assert.Equal(-31900m, body.GetProperty("adjustment").GetProperty("totalPayable").GetDecimal());
        Assert.StartsWith("Âm ba mươi mốt nghìn", body.GetProperty("adjustment").GetProperty("totalPayableInWords").GetString());

        await p.WaitUntilAsync(s => s.InvoiceByCode(up)?.State == InvoiceState.Accepted && s.InvoiceByCode(down)?.State == InvoiceState.Accepted,
            "both adjustments are accepted");
        var original = await p.GetAsync($"api/v1/invoices/{code}");
        Assert.Equal(new[] { up, down }, original.GetProperty("adjustedBy").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Contains($"Đã được điều chỉnh bởi hóa đơn", await LookupPageAsync(p, code));

        // An adjusted invoice is neither replaced nor cancelled; an adjustment is not adjusted or replaced itself.
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(p, $"api/v1/invoices/{code}/replace", Replacement)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(p, $"api/v1/invoices/{code}/cancel", new { reason = "Hủy" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(p, $"api/v1/invoices/{up}/adjust", Increase("adj-3"))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(p, $"api/v1/invoices/{up}/replace", Replacement)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(p, $"api/v1/invoices/{code}/adjust", Increase("adj-4", "sideways"))).Status);
        Assert.Equal(3, p.Store.Invoices().Count);
        Assert.DoesNotContain(p.Store.Packages(), k => k.Kind == "303");
    }

    [Fact]
    public async Task A_replacement_whose_link_and_303_were_lost_in_a_crash_gets_them_after_the_restart()
    {
        await using var p = await Pipeline.StartAsync();
        var code = await AcceptedSaleAsync(p, "sale-1");
        await Pipeline.AddFaultAsync(p.Simulator, new { action = "Status503", route = "/api/v1/messages", firstN = 1000 });
        var (status, body) = await PostAsync(p, $"api/v1/invoices/{code}/replace", Replacement);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        var replacement = body.GetProperty("replacement").GetProperty("code").GetString()!;

        // As if the process died right after issuing the replacement: no link, no 303.
        await p.RestartAsync(db =>
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                DELETE FROM prov_chain;
                DELETE FROM prov_notice_items;
                DELETE FROM prov_package_items WHERE package_id IN (SELECT id FROM prov_packages WHERE kind = '303');
                DELETE FROM prov_packages WHERE kind = '303';
                """;
            cmd.ExecuteNonQuery();
        });
        using (var admin = Pipeline.Admin(p.Simulator)) (await admin.DeleteAsync("admin/v1/faults")).EnsureSuccessStatusCode();

        await p.WaitUntilAsync(s => s.InvoiceByCode(replacement)?.State == InvoiceState.Accepted, "the replacement is accepted");
        await p.WaitUntilAsync(s => s.NoticeItemsOf(code).Any(i => i.Action == 3 && i.Accepted == true), "the 303 (TCTBao 3) is sent and accepted");
        var original = await p.GetAsync($"api/v1/invoices/{code}");
        Assert.Equal(replacement, original.GetProperty("replacedBy").GetString());
        Assert.Equal("Sai tên người mua", Assert.Single(original.GetProperty("notices").EnumerateArray()).GetProperty("reason").GetString());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Signing;

namespace ConformanceKit.Provider.Tests.Pipelines;

/// <summary>
/// The failure classes of seed 000 made with the simulator's fault rules: cannot connect (wrong key or
/// URL, network down), connected but cannot issue (503, dropped connection, dropped or late 204), and
/// a refused package (LTBao 7). In each, nothing issued is lost and no code is issued twice.
/// </summary>
public sealed class ProviderFaultTests
{
    [Theory]
    [InlineData("Status503")]
    [InlineData("CloseConnection")]
    public async Task A_package_the_authority_cannot_take_now_is_sent_again_with_the_same_MTDiep(string action)
    {
        await using var p = await Pipeline.StartAsync(beforeStart: sim =>
            Pipeline.AddFaultAsync(sim, new { action, route = "/api/v1/messages", firstN = 3 }));
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 1, "the invoice is accepted after the retries");
        var package = Assert.Single(p.Store.Packages());
        Assert.Equal(3, package.Attempts); // three refused sends, then the fourth was taken — all with this MTDiep
        Assert.Equal(PackageState.Accepted, package.State);
        using var tvan = Tvan(p.Simulator);
        var responses = await tvan.GetStringAsync($"api/v1/messages/{package.MessageId}/responses");
        Assert.Contains("<LTBao>2</LTBao>", responses, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_api_key_is_surfaced_and_the_package_waits_without_loss()
    {
        await using var p = await Pipeline.StartAsync(o => o with { ApiKey = "not-the-key" });
        var sale = await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Packages(PackageState.Ready).FirstOrDefault()?.Attempts >= 2, "two sends were refused");
        Assert.Contains("API key", p.Provider.Engine.LastProblem, StringComparison.Ordinal);
        Assert.Equal(InvoiceState.Packaged, p.Store.InvoiceBySale("s1")!.State);
        Assert.False(await p.StoredAsync(sale.GetProperty("code").GetString()!));
        var status = await p.GetAsync("api/v1/status");
        Assert.Contains("API key", status.GetProperty("lastProblem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_authority_is_surfaced_and_the_package_waits_without_loss()
    {
        await using var p = await Pipeline.StartAsync(target: new Uri("http://127.0.0.1:9/"));
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Packages(PackageState.Ready).FirstOrDefault()?.Attempts >= 2, "two sends failed");
        Assert.NotNull(p.Provider.Engine.LastProblem);
        Assert.Equal(InvoiceState.Packaged, p.Store.InvoiceBySale("s1")!.State);
        Assert.NotNull(p.Store.Packages(PackageState.Ready).Single().LastError);
    }

    [Fact]
    public async Task A_dropped_204_is_noticed_at_the_deadline_and_the_invoices_looked_up()
    {
        await using var p = await Pipeline.StartAsync(o => o with { NoticeDeadline = TimeSpan.FromSeconds(1) },
            beforeStart: sim => Pipeline.AddFaultAsync(sim, new { action = "Drop204", messageType = "206", firstN = 1 }));
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 1, "the look-up finds the invoice stored");
        var package = Assert.Single(p.Store.Packages());
        Assert.True(package.Overdue);
        Assert.Equal(PackageState.Acknowledged, package.State); // still no 204 of its own
        Assert.Contains("look-up", p.Store.InvoiceBySale("s1")!.Detail, StringComparison.Ordinal);
        await p.SellAsync("s2"); // the next package has its 204
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 2, "the second invoice is accepted");
        Assert.Single(p.Store.Packages(PackageState.Accepted));
    }

    [Fact]
    public async Task A_204_later_than_the_deadline_is_marked_late()
    {
        await using var p = await Pipeline.StartAsync(o => o with { NoticeDeadline = TimeSpan.FromSeconds(1) },
            beforeStart: sim => Pipeline.AddFaultAsync(sim, new { action = "Delay204", delaySeconds = 3, firstN = 1 }));
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Packages(PackageState.Accepted).Count == 1, "the late 204 comes", seconds: 30);
        var package = Assert.Single(p.Store.Packages());
        Assert.True(package.Late);
        Assert.Equal(2, package.Ltbao);
        Assert.Equal(InvoiceState.Accepted, p.Store.InvoiceBySale("s1")!.State);
    }

    [Fact]
    public async Task A_204_twenty_simulated_minutes_after_receipt_is_late_by_the_authoritys_clock()
    {
        // The simulator's clock, not the provider's: the 204 (TGGui) comes 20 simulated minutes after the 999 (NNhan),
        // while on the provider's wall clock only a second or two passes.
        await using var p = await Pipeline.StartAsync(beforeStart: async sim =>
        {
            using var admin = Pipeline.Admin(sim);
            using var set = await admin.PutAsJsonAsync("admin/v1/clock", new { rate = 1.0, processingDelaySeconds = 900 });
            set.EnsureSuccessStatusCode();
        });
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Packages(PackageState.Acknowledged).Count == 1, "the 999 comes");
        using (var admin = Pipeline.Admin(p.Simulator))
        using (var advance = await admin.PostAsJsonAsync("admin/v1/clock/advance", new { seconds = 1200 }))
            advance.EnsureSuccessStatusCode();
        await p.WaitUntilAsync(s => s.Packages(PackageState.Accepted).Count == 1, "the 204 comes", seconds: 30);
        var package = Assert.Single(p.Store.Packages());
        Assert.True(package.Late, "a 204 20 simulated minutes after receipt is late");
        Assert.NotNull(package.ReceivedAt);
    }

    [Fact]
    public async Task A_503_is_no_longer_the_last_problem_once_a_later_send_succeeds()
    {
        await using var p = await Pipeline.StartAsync(beforeStart: sim =>
            Pipeline.AddFaultAsync(sim, new { action = "Status503", route = "/api/v1/messages", firstN = 2 }));
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Packages().FirstOrDefault()?.Attempts >= 1, "a send was refused with 503");
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 1, "the invoice is accepted after the retries");
        await p.WaitUntilAsync(_ => p.Provider.Engine.LastProblem is null, "the 503 is resolved");
        var status = await p.GetAsync("api/v1/status");
        Assert.Equal(JsonValueKind.Null, status.GetProperty("lastProblem").ValueKind);
        var resolved = status.GetProperty("resolvedProblem");
        Assert.Contains("503", resolved.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.True(resolved.GetProperty("resolvedAt").GetDateTimeOffset() >= resolved.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task On_LTBao_7_an_invoice_stored_by_another_system_is_rejected_the_others_resent_and_no_code_issued_twice()
    {
        // Serial 2 is already stored at the authority, by a package this provider did not send (7005):
        // another system numbers the same block. That is surfaced, never taken for "accepted".
        await using var p = await Pipeline.StartAsync(o => o with { Sync = SyncMode.Manual }, beforeStart: async sim =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
            var package = SamplePackageBuilder.Build(new SamplePackageOptions { Invoices = 1, FirstSerial = 2, IssueDate = today, SalesInvoiceEvery = 0 });
            var signed = SamplePackageBuilder.Sign(MessageWriter.Write(package), SamplePackageBuilder.CreateCertificate(), today.ToDateTime(new TimeOnly(8, 0)));
            using var tvan = Tvan(sim);
            using var content = new ByteArrayContent(signed);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            (await tvan.PostAsync("api/v1/messages", content)).EnsureSuccessStatusCode();
        });
        for (var i = 1; i <= 3; i++) await p.SellAsync($"s{i}");
        await Flush(p);
        await p.WaitUntilAsync(s => s.Packages(PackageState.Refused).Count == 1, "the package is refused (LTBao 7)");
        var refused = p.Store.Packages(PackageState.Refused).Single();
        Assert.Equal(7, refused.Ltbao);
        Assert.Contains(NoticeTriage.AlreadyStored, refused.Codes, StringComparison.Ordinal);
        var second = p.Store.InvoiceBySale("s2")!;
        Assert.Equal(InvoiceState.Rejected, second.State);
        Assert.Equal(NoticeTriage.AlreadyStored, second.Codes);
        Assert.Contains("another invoice", second.Detail, StringComparison.Ordinal);
        Assert.Equal(2, p.Count(InvoiceState.Issued)); // 1 and 3 wait for the next package

        await Flush(p);
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 2, "1 and 3 are accepted in a new package");
        Assert.Equal(2, p.Store.Packages(PackageState.Accepted).Single().InvoiceCount);
        Assert.Equal(["s1", "s2", "s3"], p.Store.Invoices().Select(i => i.SaleId).Order());
        Assert.Equal(3, p.Store.Invoices().Select(i => i.Code).Distinct().Count());
    }

    [Fact]
    public async Task A_package_signed_with_another_taxpayers_key_is_refused_and_its_invoices_held_until_retry()
    {
        using var wrongKey = new PfxPackageSigner(SamplePackageBuilder.CreateCertificate("0100109106", "Công ty khác"));
        await using var p = await Pipeline.StartAsync(o => o with { MaxPackagings = 2 }, signer: wrongKey);
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Held).Count == 1, "the invoice is held");
        var held = p.Store.InvoiceBySale("s1")!;
        Assert.False(string.IsNullOrEmpty(held.Codes));
        Assert.All(p.Store.Packages(), x => Assert.Equal(7, x.Ltbao));

        using var retry = await p.Api.PostAsync("api/v1/retry", null);
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requeued").GetInt32());
    }

    private static async Task Flush(Pipeline p)
    {
        using var response = await p.Api.PostAsync("api/v1/packages/flush", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static HttpClient Tvan(Uri simulator)
    {
        var client = new HttpClient { BaseAddress = simulator };
        client.DefaultRequestHeaders.Add("X-Api-Key", DemoData.TvanApiKey);
        return client;
    }
}

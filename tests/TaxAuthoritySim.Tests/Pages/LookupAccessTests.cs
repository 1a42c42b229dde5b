using System.Net;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Pages;

/// <summary>
/// The buyer's look-up cannot be used to enumerate invoices: it needs the invoice's total to pay (TgTTTBSo)
/// besides the MST and the code, and anonymous clients are limited (3 per 60 s here) with a 429 and
/// Retry-After. A T-VAN sees the invoices it sent without the total; the operator sees any; neither is limited.
/// </summary>
public sealed class LookupAccessTests(LimitedSimulatorFactory sim) : IClassFixture<LimitedSimulatorFactory>
{
    private async Task<byte[]> StoreAsync(HttpClient tvan, byte[] package)
    {
        var posted = await tvan.PostMessageAsync(package);
        Assert.True(posted.Ack?.Status == 0, System.Text.Encoding.UTF8.GetString(posted.Body));
        Assert.Equal(2, (await tvan.NoticeAsync(Packages.IdOf(package))).Kind);
        return package;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }

    /// <summary>A fresh window of the look-up limit (the wall clock is moved by hand, never slept on).</summary>
    private void NewWindow() => sim.Time.Advance(TimeSpan.FromMinutes(5));

    [Fact]
    public async Task A_buyer_needs_the_invoices_total_and_a_wrong_total_is_not_found()
    {
        var package = await StoreAsync(sim.Tvan(), Packages.Signed());
        var code = Packages.CodesOf(package)[0];
        var total = PageLogin.TotalOf(package);
        var buyer = sim.CreateClient();
        var api = $"/api/v1/invoices/{DemoData.TaxCode}/{code}";

        NewWindow();
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(buyer, api));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(buyer, api + "?total=" + (decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture) + 1)));
        using var found = await buyer.GetAsync(api + "?total=" + total);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await found.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());

        NewWindow();
        using var missing = await buyer.GetAsync($"/lookup?mst={DemoData.TaxCode}&code={code}");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Vui lòng nhập tổng tiền thanh toán", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(buyer, $"/lookup?mst={DemoData.TaxCode}&code={code}&total=1"));
        // As printed on the receipt: Vietnamese grouping and the currency sign.
        var printed = decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture).ToString("#,0", new System.Globalization.NumberFormatInfo { NumberGroupSeparator = "." }) + " đ";
        using var page = await buyer.GetAsync($"/lookup?mst={DemoData.TaxCode}&code={code}&total={Uri.EscapeDataString(printed)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"inv-code\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_look_ups_are_limited_per_client_with_429_and_Retry_After_keys_are_not()
    {
        var package = await StoreAsync(sim.Tvan(), Packages.Signed());
        var code = Packages.CodesOf(package)[0];
        var buyer = sim.CreateClient();
        NewWindow();
        // Sequential codes, as an enumeration would probe them: 3 answers, then 429 on the page and the JSON route alike.
        for (var serial = 1; serial <= 3; serial++)
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(buyer, $"/api/v1/invoices/{DemoData.TaxCode}/M1-25-A1B2C-{serial:D11}?total=1000"));
        using var json = await buyer.GetAsync($"/api/v1/invoices/{DemoData.TaxCode}/M1-25-A1B2C-00000000004?total=1000");
        Assert.Equal(HttpStatusCode.TooManyRequests, json.StatusCode);
        Assert.InRange(int.Parse(json.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        using var page = await buyer.GetAsync($"/lookup?mst={DemoData.TaxCode}&code={code}&total={PageLogin.TotalOf(package)}");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.Contains("Retry-After"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Bạn đã tra cứu quá nhiều lần", html);
        Assert.Contains("Too many look-ups", html);
        Assert.DoesNotContain("id=\"invoice\"", html);

        // A T-VAN (its own invoice, no total) and the operator are not limited.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(sim.Tvan(), $"/api/v1/invoices/{DemoData.TaxCode}/{code}"));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(sim.Admin(), $"/api/v1/invoices/{DemoData.TaxCode}/{code}"));
        }

        // The window ends: the buyer may look up again.
        sim.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(buyer, $"/lookup?mst={DemoData.TaxCode}&code={code}&total={PageLogin.TotalOf(package)}"));
        NewWindow();
    }

    [Fact]
    public async Task A_TVAN_sees_its_own_invoices_without_the_total_and_another_TVANs_only_with_it()
    {
        await sim.AddOtherTvanAsync();
        var theirs = await StoreAsync(sim.Tvan(PageLogin.OtherTvanKey), Packages.Signed(Packages.Options() with { SenderCode = PageLogin.OtherTvanCode }));
        var code = Packages.CodesOf(theirs)[0];
        var api = $"/api/v1/invoices/{DemoData.TaxCode}/{code}";
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(sim.Tvan(PageLogin.OtherTvanKey), api));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(sim.Tvan(), api));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(sim.Tvan(), api + "?total=" + PageLogin.TotalOf(theirs)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(sim.Admin(), api));

        // The page honours a login the same way.
        var demo = await sim.LoggedInAsync(DemoData.TvanApiKey);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(demo, $"/lookup?mst={DemoData.TaxCode}&code={code}"));
        var other = await sim.LoggedInAsync(PageLogin.OtherTvanKey);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(other, $"/lookup?mst={DemoData.TaxCode}&code={code}"));
    }
}

using System.Text.RegularExpressions;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using Microsoft.Playwright;

namespace ConformanceKit.TaxAuthoritySim.Tests.Pages;

/// <summary>
/// The two pages in a real browser (headless Debian Chromium) against the simulator on a loopback
/// port: the operator sees a package, its outcome and its 204; the buyer looks an invoice up.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Browser")]
public sealed class PageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveSimulator Sim => fixture.Simulator;

    private Task<IPage> NewPageAsync() => fixture.Browser.NewPageAsync(Sim.BaseAddress);

    /// <summary>A fresh page logged in to the operator pages (the login form, as a person would).</summary>
    private async Task<IPage> LoggedInPageAsync(string key = DemoData.AdminKey)
    {
        var page = await NewPageAsync();
        var login = await page.GotoAsync("/login");
        Assert.Equal(200, login!.Status);
        await page.GetByLabel("Khóa / Key").FillAsync(key);
        var home = await NavigateAsync(page, () => page.Locator("#login").ClickAsync());
        Assert.Equal(200, home.Status);
        return page;
    }

    /// <summary>Runs <paramref name="action"/> (a click) and waits until the page it leads to is loaded; its response.</summary>
    private static async Task<IResponse> NavigateAsync(IPage page, Func<Task> action)
    {
        // Waiting for the response and then for the URL raced with the load event on a busy CI machine
        // (a 30 s timeout once in six runs); this waits for exactly the navigation the action starts.
#pragma warning disable CS0612, CS0618 // obsolete in Playwright 1.64, still the one call that ties a click to its navigation
        var response = await page.RunAndWaitForNavigationAsync(action,
            new PageRunAndWaitForNavigationOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
#pragma warning restore CS0612, CS0618
        return response ?? throw new InvalidOperationException("the click led to no navigation");
    }

    [Fact]
    public async Task A_valid_package_shows_on_the_recent_page_and_its_detail_page_shows_the_204_LTBao_2_and_the_invoices()
    {
        var package = LiveSimulator.TodaysPackage(3);
        var id = await Sim.SendAsync(package);
        var codes = Packages.CodesOf(package);

        var page = await LoggedInPageAsync();
        Assert.EndsWith("/", page.Url);
        Assert.Equal("Thông điệp gần đây / Recent packages", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("sqlite", await page.Locator("#store-kind").InnerTextAsync());

        var row = page.Locator($"tr[data-message-id=\"{id}\"]");
        await Assertions.Expect(row).ToBeVisibleAsync();
        var rowText = await row.InnerTextAsync();
        Assert.Contains("206", rowText);
        Assert.Contains(DemoData.TaxCode, rowText);
        Assert.Contains(DemoData.TvanCode, rowText);
        Assert.Contains("Processed", rowText);
        Assert.Contains("204 LTBao 2: 3 invoices stored", rowText);
        await Browser.ScreenshotAsync(page, "recent");

        await NavigateAsync(page, () => row.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync());
        Assert.EndsWith($"/messages/{id}", page.Url);
        Assert.Contains(id, await page.Locator("h1").InnerTextAsync());
        Assert.StartsWith("2 ", await page.Locator(".response[data-type=\"204\"] .ltbao").First.InnerTextAsync());
        Assert.Contains("204 LTBao 2", await page.Locator("#outcome").InnerTextAsync());
        await Assertions.Expect(page.Locator(".response[data-type=\"999\"]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".response[data-type=\"204\"]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#invoices tbody tr")).ToHaveCountAsync(3);
        foreach (var code in codes)
            await Assertions.Expect(page.Locator("#invoices").GetByRole(AriaRole.Link, new() { Name = code })).ToBeVisibleAsync();
        var journal = await page.Locator("#journal").InnerTextAsync();
        Assert.Contains("TTTNhan 0", journal);
        Assert.Contains("LTBao 2", journal);
        await Browser.ScreenshotAsync(page, "message-valid");

        // From the operator's page to the buyer's look-up of one invoice.
        await NavigateAsync(page, () => page.Locator("#invoices").GetByRole(AriaRole.Link, new() { Name = codes[1] }).ClickAsync());
        Assert.Equal(codes[1], await page.Locator("#inv-code").InnerTextAsync());
        Assert.Equal(DemoData.SellerName, await page.Locator("#inv-seller").InnerTextAsync());
    }

    [Fact]
    public async Task A_buyer_looks_an_invoice_up_with_MST_and_code_and_is_told_when_a_code_is_not_stored()
    {
        var package = LiveSimulator.TodaysPackage(3);
        await Sim.SendAsync(package);
        var code = Packages.CodesOf(package)[0];

        var page = await NewPageAsync();
        var form = await page.GotoAsync("/lookup");
        Assert.Equal(200, form!.Status);
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GetByLabel("Mã số thuế người bán").FillAsync(DemoData.TaxCode);
        await page.GetByLabel("Mã của cơ quan thuế").FillAsync(code);
        // The total to pay as printed on the receipt, Vietnamese grouping.
        var total = decimal.Parse(PageLogin.TotalOf(package), System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Tổng tiền thanh toán").FillAsync(total.ToString("#,0", new System.Globalization.NumberFormatInfo { NumberGroupSeparator = "." }));
        await Browser.ScreenshotAsync(page, "lookup-form");
        var found = await NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync());

        Assert.Equal(200, found.Status);
        Assert.Equal(code, await page.Locator("#inv-code").InnerTextAsync());
        Assert.Equal(DemoData.SellerName, await page.Locator("#inv-seller").InnerTextAsync());
        Assert.Equal(DemoData.TaxCode, await page.Locator("#inv-seller-mst").InnerTextAsync());
        Assert.Equal("1", await page.Locator("#inv-form").InnerTextAsync());
        Assert.Matches(new Regex(@"^C\d\dMAA$"), await page.Locator("#inv-series").InnerTextAsync());
        Assert.Matches(new Regex(@"^\d{1,3}(\.\d{3})* đ$"), await page.Locator("#inv-total").InnerTextAsync());
        Assert.Matches(new Regex(@"^\d{2}/\d{2}/\d{4}$"), await page.Locator("#inv-date").InnerTextAsync());
        Assert.Contains("<HDon", await page.Locator("#xml").InnerTextAsync());
        Assert.Contains(code, await page.Locator("#xml").InnerTextAsync());
        await Assertions.Expect(page.Locator("#lines tbody tr").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "lookup-found");

        // The form keeps the values; a code never sent is "not found", with a 404.
        Assert.Equal(DemoData.TaxCode, await page.Locator("#mst").InputValueAsync());
        var missing = "M1-25-A1B2C-99999999999";
        await page.Locator("#code").FillAsync(missing.ToLowerInvariant());
        var notFound = await NavigateAsync(page, () => page.Locator("#submit").ClickAsync());
        Assert.Equal(404, notFound.Status);
        var message = await page.Locator("#not-found").InnerTextAsync();
        Assert.Contains("Không tìm thấy hóa đơn", message);
        Assert.Contains(missing, message);
        Assert.Equal(0, await page.Locator("#invoice").CountAsync());
        await Browser.ScreenshotAsync(page, "lookup-not-found");

        // A malformed MST is explained, with a 400.
        await page.Locator("#mst").FillAsync("0106324654");
        var bad = await NavigateAsync(page, () => page.Locator("#submit").ClickAsync());
        Assert.Equal(400, bad.Status);
        Assert.Contains("Mã số thuế không hợp lệ", await page.Locator("#error").InnerTextAsync());
        await Browser.ScreenshotAsync(page, "lookup-bad-input");
    }

    [Fact]
    public async Task An_invalid_package_shows_LTBao_7_and_its_detail_page_lists_the_error_codes()
    {
        var signed = LiveSimulator.TodaysPackage(3);
        // After signing: a changed seller name breaks the signature (4002), a wrong SLuong is 6001.
        var broken = Packages.Replace(Packages.Replace(signed, "<SLuong>3</SLuong>", "<SLuong>4</SLuong>"),
            DemoData.SellerName, "Cửa hàng Z");
        var id = await Sim.SendAsync(broken);

        var page = await LoggedInPageAsync();
        var row = page.Locator($"tr[data-message-id=\"{id}\"]");
        var outcome = await row.Locator(".outcome").InnerTextAsync();
        Assert.StartsWith("204 LTBao 7: ", outcome);
        Assert.Contains("4002", outcome);
        Assert.Contains("6001", outcome);

        await NavigateAsync(page, () => row.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync());
        Assert.StartsWith("7 ", await page.Locator(".response[data-type=\"204\"] .ltbao").First.InnerTextAsync());
        var errors = page.Locator(".response[data-type=\"204\"] table.errors");
        var codes = await errors.Locator("td.mloi").AllInnerTextsAsync();
        Assert.Contains("4002", codes);
        Assert.Contains("6001", codes);
        var text = await errors.InnerTextAsync();
        Assert.Contains("Chữ ký số không hợp lệ", text); // MTLoi of 4002
        Assert.Contains("Số lượng hóa đơn", text);        // MTLoi of 6001
        await Assertions.Expect(page.Locator("#no-invoices")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "message-invalid");
    }

    [Fact]
    public async Task Auto_refresh_shows_a_new_package_without_reloading_by_hand()
    {
        var page = await LoggedInPageAsync();
        await page.Locator("#refresh-toggle").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"refresh=on"));
        Assert.Equal(1, await page.Locator("meta[http-equiv=refresh]").CountAsync());

        var id = await Sim.SendAsync(LiveSimulator.TodaysPackage(1));
        await Assertions.Expect(page.Locator($"tr[data-message-id=\"{id}\"] .outcome"))
            .ToContainTextAsync("204 LTBao 2: 1 invoices stored", new() { Timeout = 15_000 });

        await page.Locator("#refresh-toggle").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/$"));
        Assert.Equal(0, await page.Locator("meta[http-equiv=refresh]").CountAsync());
    }

    [Fact]
    public async Task Without_a_login_the_operator_pages_show_only_the_login_form_and_a_TVAN_logs_in_to_see_its_own_and_logs_out()
    {
        var id = await Sim.SendAsync(LiveSimulator.TodaysPackage(1));

        var page = await NewPageAsync();
        var anonymous = await page.GotoAsync($"/messages/{id}");
        Assert.Equal(401, anonymous!.Status);
        Assert.Equal("Đăng nhập / Log in", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("password", await page.Locator("#key").GetAttributeAsync("type"));
        Assert.Equal(0, await page.Locator(".response").CountAsync());
        await Browser.ScreenshotAsync(page, "login");

        // A wrong key is refused; the right one returns to the page asked for.
        await page.Locator("#key").FillAsync("not-a-key");
        var wrong = await NavigateAsync(page, () => page.Locator("#login").ClickAsync());
        Assert.Equal(401, wrong.Status);
        Assert.Contains("Sai khóa", await page.Locator("#login-error").InnerTextAsync());
        await page.Locator("#key").FillAsync(DemoData.TvanApiKey);
        var detail = await NavigateAsync(page, () => page.Locator("#login").ClickAsync());
        Assert.Equal(200, detail.Status);
        Assert.EndsWith($"/messages/{id}", page.Url);
        Assert.Contains(DemoData.TvanCode, await page.Locator("#signed-in-as").InnerTextAsync());
        await Assertions.Expect(page.Locator(".response[data-type=\"204\"]")).ToHaveCountAsync(1);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "ck_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.NotEqual(DemoData.TvanApiKey, cookie.Value);

        var loggedOut = await NavigateAsync(page, () => page.Locator("#logout").ClickAsync());
        Assert.Equal(200, loggedOut.Status);
        Assert.EndsWith("/login", page.Url);
        Assert.Equal(401, (await page.GotoAsync("/"))!.Status);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Features.Support;
using Microsoft.Playwright;

namespace ConformanceKit.Features.Drivers;

/// <summary>What the buyer found: the invoice the authority stores, or nothing.</summary>
public sealed record BuyerFinding(HttpStatusCode Status, InvoiceView? Invoice);

/// <summary>What the look-up page showed: the code, the seller, the total, as the buyer reads them.</summary>
public sealed record LookupPageView(int Status, string? Code, string? SellerMst, string? Total, string Message);

/// <summary>
/// The buyer with the receipt in hand: the seller's MST, the authority's code and the total to pay. Looks the invoice up
/// anonymously at the authority — by its API, or on its look-up page in a real browser (Debian's chromium).
/// </summary>
public sealed class BuyerDriver(SimulatorDriver authority, HttpLog log) : IDisposable
{
    private HttpClient? _http;

    private HttpClient Http
    {
        get
        {
            if (_http is not null) return _http;
            var handler = log.CreateHandler();
            handler.InnerHandler = new HttpClientHandler();
            return _http = new HttpClient(handler) { BaseAddress = authority.Address, Timeout = TimeSpan.FromSeconds(30) };
        }
    }

    /// <summary>GET /api/v1/invoices/{mst}/{code}?total= without a key, as any buyer may.</summary>
    public async Task<BuyerFinding> LookUpAsync(string mst, string code, decimal total)
    {
        using var response = await Http.GetAsync($"api/v1/invoices/{mst}/{code}?total={total.ToString(CultureInfo.InvariantCulture)}");
        return new BuyerFinding(response.StatusCode,
            response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<InvoiceView>(AuthorityJson.Options) : null);
    }

    /// <summary>Waits until the authority stores the invoice (its 204 is being made meanwhile).</summary>
    public async Task<BuyerFinding> WaitUntilFoundAsync(string mst, string code, decimal total, TimeSpan? timeout = null) =>
        await Eventually.ValueAsync(() => LookUpAsync(mst, code, total), f => f.Status == HttpStatusCode.OK, timeout ?? TimeSpan.FromSeconds(20));

    /// <summary>Fills in the look-up page (/lookup) in chromium, as printed on the receipt (Vietnamese grouping), and reads the answer.</summary>
    public async Task<LookupPageView> LookUpOnThePageAsync(string mst, string code, decimal total)
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(authority.Address);
        await page.GotoAsync("/lookup");
        await page.GetByLabel("Mã số thuế người bán").FillAsync(mst);
        await page.GetByLabel("Mã của cơ quan thuế").FillAsync(code);
        await page.GetByLabel("Tổng tiền thanh toán").FillAsync(total.ToString("#,0", new NumberFormatInfo { NumberGroupSeparator = "." }));
#pragma warning disable CS0612, CS0618 // obsolete in Playwright 1.64, still the one call that ties a click to its navigation
        var answer = await page.RunAndWaitForNavigationAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync(),
            new PageRunAndWaitForNavigationOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
#pragma warning restore CS0612, CS0618
        await Browser.ScreenshotAsync(page, "feature-lookup-" + code);
        var found = await page.Locator("#invoice").CountAsync() > 0;
        return new LookupPageView(answer?.Status ?? 0,
            found ? await page.Locator("#inv-code").InnerTextAsync() : null,
            found ? await page.Locator("#inv-seller-mst").InnerTextAsync() : null,
            found ? await page.Locator("#inv-total").InnerTextAsync() : null,
            await page.Locator("main").InnerTextAsync());
    }

    public void Dispose() => _http?.Dispose();
}

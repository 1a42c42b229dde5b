using System.Net;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Pages;

/// <summary>The pages over plain HTTP (in-memory server): status codes for user input, and HTML encoding.</summary>
public sealed class PageHttpTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    // The operator's pages with the admin key; the look-up as an anonymous buyer.
    private readonly HttpClient _operator = sim.Admin();
    private readonly HttpClient _buyer = sim.CreateClient();

    private async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(string url)
    {
        var response = await (url.StartsWith("/lookup", StringComparison.Ordinal) ? _buyer : _operator).GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private async Task<byte[]> StoreAsync(byte[] package)
    {
        var tvan = sim.Tvan();
        var posted = await tvan.PostMessageAsync(package);
        Assert.Equal(0, posted.Ack!.Status);
        var notice = await tvan.NoticeAsync(Packages.IdOf(package));
        Assert.True(notice.Kind == 2, "the package was not valid: " + string.Join(", ", notice.Codes()));
        return package;
    }

    [Fact]
    public async Task The_pages_are_html_with_a_strict_content_security_policy()
    {
        foreach (var url in new[] { "/", "/lookup", "/?refresh=on" })
        {
            var (status, html, response) = await GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        }
        var (_, home, _) = await GetAsync("/");
        Assert.Contains("Recent packages", home);
        foreach (var link in new[] { "href=\"/lookup\"", "href=\"/swagger\"", "href=\"/openapi/v1.json\"", "href=\"/api/v1/certificate\"" })
            Assert.Contains(link, home);
        Assert.DoesNotContain("http-equiv=\"refresh\"", home);
        Assert.Contains("http-equiv=\"refresh\" content=\"2\"", (await GetAsync("/?refresh=on")).Html);
        var (_, form, _) = await GetAsync("/lookup");
        Assert.Contains("<html lang=\"vi\">", form);
        Assert.Contains("Mã của cơ quan thuế", form);
    }

    [Theory]
    [InlineData("mst=0106324654&code=M1-25-A1B2C-00000000001", "Mã số thuế không hợp lệ")]   // check digit
    [InlineData("mst=010632465&code=M1-25-A1B2C-00000000001", "Mã số thuế không hợp lệ")]    // 9 digits
    [InlineData("mst=0106324653&code=M1-25-A1B2C-0000000001", "Mã của cơ quan thuế không hợp lệ")] // 10-digit serial
    [InlineData("mst=0106324653&code=X1-25-A1B2C-00000000001", "Mã của cơ quan thuế không hợp lệ")]
    [InlineData("mst=0106324653&code=", "Vui lòng nhập mã của cơ quan thuế")]
    [InlineData("mst=&code=M1-25-A1B2C-00000000001", "Vui lòng nhập mã số thuế")]
    [InlineData("mst=&code=", "Vui lòng nhập mã số thuế")]
    [InlineData("code=M1-25-A1B2C-00000000001", "Vui lòng nhập mã số thuế")]
    [InlineData("mst=0106324653&mst=0106324653&code=M1-25-A1B2C-00000000001", "Mã số thuế không hợp lệ")]
    public async Task Malformed_look_up_input_is_a_400_with_a_Vietnamese_explanation(string query, string expected)
    {
        var (status, html, _) = await GetAsync("/lookup?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, html);
        Assert.Contains("id=\"lookup-form\"", html);
    }

    [Fact]
    public async Task An_invoice_not_stored_is_a_404_saying_so()
    {
        var (status, html, _) = await GetAsync("/lookup?mst=0106324653&code=M1-25-A1B2C-99999999998&total=1000");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Không tìm thấy hóa đơn", html);
        Assert.Contains("M1-25-A1B2C-99999999998", html);

        // Another taxpayer's MST with a stored code is not found either.
        var stored = await StoreAsync(Packages.Signed());
        var code = Packages.CodesOf(stored)[0];
        (status, _, _) = await GetAsync($"/lookup?mst=0301521415&code={code}&total={PageLogin.TotalOf(stored)}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_stored_invoice_is_found_with_the_code_trimmed_and_upper_cased()
    {
        var package = await StoreAsync(Packages.Signed(Packages.Options(invoices: 2)));
        var code = Packages.CodesOf(package)[1];
        var (status, html, _) = await GetAsync($"/lookup?mst=%20{DemoData.TaxCode}%20&code=%20{code.ToLowerInvariant()}%20&total={PageLogin.TotalOf(package, 1)}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"id=\"inv-code\" class=\"mono\">{code}</dd>", html);
        Assert.Contains($"id=\"inv-seller\">{DemoData.SellerName}</dd>", html);
        Assert.Contains("id=\"inv-date\">15/06/2025</dd>", html);
        Assert.Matches(@"id=""inv-total"">\d{1,3}(\.\d{3})* đ</dd>", html);
        Assert.Contains("&lt;HDon", html); // the XML, encoded inside <pre>
    }

    [Theory]
    [InlineData("/lookup?mst=%3Cscript%3Ealert(1)%3C%2Fscript%3E&code=%22%3E%3Cimg%20src%3Dx%3E")]
    [InlineData("/lookup?mst=0106324653&code=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/messages/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/?refresh=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/messages/a%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E?refresh=on")]
    public async Task User_input_comes_back_html_encoded(string url)
    {
        var (status, html, _) = await GetAsync(url);
        Assert.True((int)status < 500, $"HTTP {(int)status}");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        if (url.StartsWith("/lookup?mst=%3C", StringComparison.Ordinal))
            Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task Over_long_or_odd_input_is_never_a_500()
    {
        var longValue = new string('9', 5000);
        foreach (var url in new[]
                 {
                     $"/lookup?mst={longValue}&code={longValue}", $"/messages/{longValue}", "/messages/%20",
                     "/lookup?mst=%00&code=%FF", "/lookup?mst=0106324653-001&code=M1-25-A1B2C-00000000001",
                 })
        {
            var (status, _, _) = await GetAsync(url);
            Assert.True((int)status is 400 or 404, $"{url[..Math.Min(60, url.Length)]}: HTTP {(int)status}");
        }
    }

    [Fact]
    public async Task An_unknown_message_is_a_404_page()
    {
        var (status, html, _) = await GetAsync("/messages/V0309478306ABCDEF0123456789ABCDEF0123456789");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Không tìm thấy thông điệp", html);
    }

    [Fact]
    public async Task Stored_data_is_encoded_on_both_pages()
    {
        const string evil = "<script>alert('x')</script> & \"Co\"";
        var package = await StoreAsync(Packages.Signed(change: p => p.Invoices[0].Buyer = new Party { Name = evil }));
        var code = Packages.CodesOf(package)[0];

        var (status, lookup, _) = await GetAsync($"/lookup?mst={DemoData.TaxCode}&code={code}&total={PageLogin.TotalOf(package)}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<script", lookup, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;", lookup);

        var (_, detail, _) = await GetAsync($"/messages/{Packages.IdOf(package)}");
        Assert.DoesNotContain("<script", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", detail);
    }

    [Fact]
    public async Task The_detail_page_of_a_failed_package_lists_every_error_code_with_its_text()
    {
        var options = Packages.Options(invoices: 2);
        var body = Packages.Replace(Packages.Signed(options), "<SLuong>2</SLuong>", "<SLuong>5</SLuong>");
        var tvan = sim.Tvan();
        Assert.Equal(0, (await tvan.PostMessageAsync(body)).Ack!.Status);
        var notice = await tvan.NoticeAsync(Packages.IdOf(body));
        Assert.Equal(7, notice.Kind);

        var (status, html, _) = await GetAsync($"/messages/{Packages.IdOf(body)}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<td class=\"mono mloi\"><b>6001</b></td>", html);
        foreach (var error in notice.Errors!)
            Assert.Contains($"<b>{error.Code}</b>", html);
        Assert.Contains("id=\"no-invoices\"", html);

        var (_, home, _) = await GetAsync("/");
        Assert.Contains("204 LTBao 7: 6001", home);
    }

    [Fact]
    public async Task A_registration_detail_page_shows_its_102_and_103()
    {
        var form = RegistrationForm("0301521415");
        var id = Packages.IdOf(form);
        var tvan = sim.Tvan();
        Assert.Equal(0, (await tvan.PostMessageAsync(form)).Ack!.Status);
        await tvan.WaitForAsync(id, "103");

        var (status, html, _) = await GetAsync($"/messages/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-type=\"102\"", html);
        Assert.Contains("data-type=\"103\"", html);
        Assert.Contains("1 — tiếp nhận / received", html);
        Assert.Contains("1 — chấp nhận / accepted", html);
        Assert.Contains("DSMKhoi (C5–C9)", html);
        Assert.Contains("id=\"no-invoices\"", html);
        Assert.Contains("100", (await GetAsync("/")).Html);
    }

    /// <summary>A signed 100 (Form 01/ĐKTĐ-HĐĐT) asking for cash-register invoices.</summary>
    private static byte[] RegistrationForm(string mst) => SampleRegistrationBuilder.BuildSigned(mst);
}

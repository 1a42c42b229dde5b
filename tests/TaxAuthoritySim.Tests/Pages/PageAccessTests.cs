using System.Net;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Pages;

/// <summary>
/// Who sees the operator pages: nobody without a key; the operator (admin key) everything; a T-VAN
/// (its API key) only its own messages and responses. Logins live in an HttpOnly, SameSite=Strict
/// cookie that is not the key; wrong keys are rate-limited per client.
/// </summary>
public sealed class PageAccessTests(LimitedSimulatorFactory sim) : IClassFixture<LimitedSimulatorFactory>
{
    private async Task<byte[]> StoreAsync(HttpClient tvan, byte[] package)
    {
        var posted = await tvan.PostMessageAsync(package);
        Assert.True(posted.Ack?.Status == 0, System.Text.Encoding.UTF8.GetString(posted.Body));
        Assert.Equal(2, (await tvan.NoticeAsync(Packages.IdOf(package))).Kind);
        return package;
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_callers_get_the_login_page_with_401_and_see_no_message_id_MST_or_body()
    {
        var package = await StoreAsync(sim.Tvan(), Packages.Signed());
        var id = Packages.IdOf(package);
        var anonymous = sim.Browser();
        foreach (var url in new[] { "/", "/?refresh=on", $"/messages/{id}", $"/messages/{id}?refresh=on", "/messages/unknown" })
        {
            var (status, page) = await GetAsync(anonymous, url);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            // The only echo is the address the caller asked for itself, to return there after the login.
            var html = System.Text.RegularExpressions.Regex.Replace(page, "<input type=\"hidden\" name=\"return\" value=\"[^\"]*\">", "");
            Assert.NotEqual(page.Length, html.Length);
            Assert.Contains("id=\"login-form\"", html);
            Assert.Contains("type=\"password\" name=\"key\"", html);
            Assert.DoesNotContain(id, html);
            Assert.DoesNotContain(DemoData.TaxCode, html);
            Assert.DoesNotContain(DemoData.TvanCode, html);
            Assert.DoesNotContain("HDon", html);
        }
        // The look-up stays public.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(anonymous, "/lookup")).Status);
    }

    [Fact]
    public async Task The_operator_logs_in_with_the_admin_key_in_a_cookie_that_is_not_the_key_and_logs_out()
    {
        var package = await StoreAsync(sim.Tvan(), Packages.Signed());
        var id = Packages.IdOf(package);
        var browser = sim.Browser();

        using var login = await browser.PostLoginAsync(DemoData.AdminKey, $"/messages/{id}");
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal($"/messages/{id}", login.Headers.Location!.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("ck_session=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DemoData.AdminKey, cookie);

        var (status, detail) = await GetAsync(browser, $"/messages/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-type=\"204\"", detail);
        Assert.Contains("id=\"logout\"", detail);
        (status, var home) = await GetAsync(browser, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"data-message-id=\"{id}\"", home);

        using var logout = await browser.PostAsync("/logout", null);
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(browser, "/")).Status);

        // The X-Admin-Key header works without a login; a return address off the site is ignored.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(sim.Admin(), $"/messages/{id}")).Status);
        using var offsite = await sim.Browser().PostLoginAsync(DemoData.AdminKey, "//evil.example/");
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_TVAN_sees_only_its_own_messages_and_another_TVANs_message_is_a_404_like_an_unknown_one()
    {
        await sim.AddOtherTvanAsync();
        var mine = await StoreAsync(sim.Tvan(), Packages.Signed());
        var theirs = await StoreAsync(sim.Tvan(PageLogin.OtherTvanKey), Packages.Signed(Packages.Options() with { SenderCode = PageLogin.OtherTvanCode }));

        var demo = await sim.LoggedInAsync(DemoData.TvanApiKey);
        var (status, home) = await GetAsync(demo, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(Packages.IdOf(mine), home);
        Assert.DoesNotContain(Packages.IdOf(theirs), home);
        Assert.DoesNotContain(PageLogin.OtherTvanCode, home);
        Assert.DoesNotContain("id=\"count-messages\"", home); // no store-wide figures either

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(demo, $"/messages/{Packages.IdOf(mine)}")).Status);
        var (otherStatus, other) = await GetAsync(demo, $"/messages/{Packages.IdOf(theirs)}");
        var unknownId = Packages.IdOf(theirs)[..^4] + "FFFF";
        var (unknownStatus, unknown) = await GetAsync(demo, $"/messages/{unknownId}");
        Assert.Equal(HttpStatusCode.NotFound, otherStatus);
        Assert.Equal(unknownStatus, otherStatus);
        Assert.Equal(unknown.Replace(unknownId, "ID", StringComparison.Ordinal), other.Replace(Packages.IdOf(theirs), "ID", StringComparison.Ordinal));

        // The same with the X-Api-Key header, and the other T-VAN sees its own and not the demo's.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(sim.Tvan(PageLogin.OtherTvanKey), $"/messages/{Packages.IdOf(mine)}")).Status);
        var (_, theirHome) = await GetAsync(sim.Tvan(PageLogin.OtherTvanKey), "/");
        Assert.Contains(Packages.IdOf(theirs), theirHome);
        Assert.DoesNotContain(Packages.IdOf(mine), theirHome);
    }

    [Fact]
    public async Task Wrong_keys_are_rate_limited_per_client_even_the_right_key_until_the_window_ends()
    {
        // Login limit 3 per 60 s (LimitedSimulatorFactory); the window is on the hand-moved wall clock.
        sim.Time.Advance(TimeSpan.FromHours(1));
        var browser = sim.Browser();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await browser.PostLoginAsync("guess-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("Sai khóa", await wrong.Content.ReadAsStringAsync());
        }
        using var blocked = await browser.PostLoginAsync(DemoData.AdminKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.InRange(int.Parse(blocked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        var text = await blocked.Content.ReadAsStringAsync();
        Assert.Contains("thử lại sau", text);
        Assert.Contains("try again in", text);
        Assert.False(blocked.Headers.Contains("Set-Cookie"));
        // Key headers on the pages count as logins too.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(sim.Admin(), "/")).Status);

        sim.Time.Advance(TimeSpan.FromSeconds(61));
        using var later = await browser.PostLoginAsync(DemoData.AdminKey);
        Assert.Equal(HttpStatusCode.SeeOther, later.StatusCode);
        sim.Time.Advance(TimeSpan.FromHours(1)); // leave a fresh window to the other tests
    }

    [Fact]
    public async Task Odd_login_requests_are_never_a_500()
    {
        var client = sim.Browser();
        var requests = new Func<HttpRequestMessage>[]
        {
            () => new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new StringContent("{\"key\":\"x\"}", System.Text.Encoding.UTF8, "application/json") },
            () => new HttpRequestMessage(HttpMethod.Post, "/login"),
            () => new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new StringContent("key=%ZZ&&&==", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") },
            () => new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new StringContent("--x\r\nbroken", System.Text.Encoding.UTF8) { Headers = { ContentType = new("multipart/form-data") } } },
            () => new HttpRequestMessage(HttpMethod.Get, "/login?return=%00%0d%0aLocation:%20http://evil"),
            () => new HttpRequestMessage(HttpMethod.Get, "/logout"),
            () => new HttpRequestMessage(HttpMethod.Post, "/logout"),
            () => { var r = new HttpRequestMessage(HttpMethod.Get, "/"); r.Headers.Add("Cookie", "ck_session=" + new string('A', 5000)); return r; },
        };
        foreach (var make in requests)
        {
            using var request = make();
            var what = $"{request.Method} {request.RequestUri}";
            using var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{what}: HTTP {(int)response.StatusCode}");
        }
        sim.Time.Advance(TimeSpan.FromHours(1)); // the wrong-key attempts above leave a fresh window to the other tests
    }
}

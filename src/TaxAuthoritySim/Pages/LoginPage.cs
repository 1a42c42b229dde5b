using System.Globalization;
using ConformanceKit.TaxAuthoritySim.Access;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Pages;

/// <summary>
/// /login and /logout of the operator pages. The operator logs in with the admin key and sees every
/// T-VAN's messages; a T-VAN logs in with its API key and sees only its own. Anonymous callers of
/// / and /messages/… get this page with HTTP 401 and nothing else. Wrong keys are rate-limited per client.
/// </summary>
internal static class LoginPage
{
    public const string Path = "/login";

    /// <summary>The login page with 401, for an anonymous request to an operator page; returns there after login.</summary>
    public static IResult Required(HttpContext http) =>
        Show(http.Request.Path + http.Request.QueryString, StatusCodes.Status401Unauthorized, null);

    public static IResult Form(string? returnTo) => Show(returnTo, StatusCodes.Status200OK, null);

    /// <summary>429 with Retry-After: too many wrong keys from this client.</summary>
    public static IResult TooMany(HttpContext http, RateDecision decision, string? returnTo = null)
    {
        var seconds = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.RetryAfter = seconds;
        return Show(returnTo, StatusCodes.Status429TooManyRequests,
            $"Nhập sai khóa quá nhiều lần; vui lòng thử lại sau {seconds} giây. / Too many wrong keys from this client: try again in {seconds} s.");
    }

    public static async Task<IResult> PostAsync(HttpContext http, RegistryService registry, PageSessions sessions, AccessLimits limits)
    {
        var client = ClientRateLimiter.ClientOf(http);
        var check = limits.Logins.Check(client);
        if (!check.Allowed) return TooMany(http, check);
        if (!http.Request.HasFormContentType)
            return Show(null, StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ. / Send the login form (application/x-www-form-urlencoded).");
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Show(null, StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ. / The login form could not be read.");
        }
        var returnTo = form["return"].FirstOrDefault();
        var key = form["key"].FirstOrDefault();
        var viewer = PageSessions.Match(key, registry.Current);
        if (!viewer.IsKnown)
        {
            var taken = limits.Logins.Take(client);
            if (!taken.Allowed) return TooMany(http, taken, returnTo);
            return Show(returnTo, StatusCodes.Status401Unauthorized,
                string.IsNullOrEmpty(key) ? "Vui lòng nhập khóa. / Enter a key." : "Sai khóa. / Wrong key: neither the admin key nor a T-VAN's API key.");
        }
        sessions.Open(http, viewer, key!);
        return SeeOther(http, LocalPath(returnTo) ?? "/");
    }

    public static IResult Logout(HttpContext http, PageSessions sessions)
    {
        sessions.Close(http);
        return SeeOther(http, Path);
    }

    private static IResult SeeOther(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        http.Response.Headers.CacheControl = "no-store";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>A path on this site to return to, or null (no open redirects: "//host", "/\host" and absolute URLs are refused).</summary>
    public static string? LocalPath(string? path) =>
        path is { Length: > 0 and <= 2048 } p && p[0] == '/' && (p.Length == 1 || (p[1] != '/' && p[1] != '\\'))
        && !p.Any(char.IsControl) && !p.StartsWith(Path, StringComparison.Ordinal) && !p.StartsWith("/logout", StringComparison.Ordinal)
            ? p : null;

    private static IResult Show(string? returnTo, int status, string? error)
    {
        var h = new HtmlBuilder();
        h.Add($"<h1>Đăng nhập / Log in</h1>");
        h.Add($"<p class=\"muted\">Trang kiểm thử chỉ dành cho người vận hành (khóa quản trị) và T-VAN (khóa API của mình, chỉ thấy thông điệp của mình). ");
        h.Add($"/ The operator pages need the admin key (every T-VAN's messages) or a T-VAN's API key (its own messages only). ");
        h.Add($"Buyers look invoices up at <a href=\"/lookup\">/lookup</a> without a key.</p>");
        if (error is not null)
            h.Add($"<div class=\"msg error\" id=\"login-error\" role=\"alert\">{error}</div>");
        h.Add($"<form class=\"lookup\" method=\"post\" action=\"{Path}\" id=\"login-form\">");
        h.Add($"<label>Khóa / Key <span class=\"hint\">X-Admin-Key / X-Api-Key</span>");
        h.Add($"<input type=\"password\" name=\"key\" id=\"key\" autocomplete=\"current-password\" maxlength=\"{PageSessions.MaxKeyLength}\" required></label>");
        if (LocalPath(returnTo) is { } back)
            h.Add($"<input type=\"hidden\" name=\"return\" value=\"{back}\">");
        h.Add($"<button type=\"submit\" id=\"login\">Đăng nhập / Log in</button></form>");
        h.Add($"<p class=\"muted small\">Scripts may send the <code>X-Admin-Key</code> (or a T-VAN's <code>X-Api-Key</code>) header instead of logging in.</p>");
        return Html.Page("Đăng nhập / Log in — ConformanceKit simulator", h.ToMarkup(), new PageOptions { Status = status, Login = true });
    }
}

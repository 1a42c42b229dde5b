using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Access;
using ConformanceKit.TaxAuthoritySim.Pages;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>
/// The certification pages, behind the pages' /login: /certification for the certifier (admin key: create a session,
/// hand its key over once, watch progress, end it, download the certificate) and /certification/session for the vendor
/// (its session's key: the plan, the open step's instruction, each step's verdict with reasons and linked messages).
/// </summary>
public static class CertificationPages
{
    public static void MapCertificationPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/certification", async (HttpContext http, CertificationService c, RegistryService r, PageSessions s, AccessLimits l, CancellationToken ct) =>
            Certifier(http, r, s, l) ?? CertifierPages.List(await c.ListAsync(ct), c, r.Current)).ExcludeFromDescription();
        app.MapPost("/certification/sessions", CreateAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/certification/sessions/{id}", async (string id, HttpContext http, CertificationService c, RegistryService r, PageSessions s,
                AccessLimits l, CancellationToken ct) =>
            Certifier(http, r, s, l) ?? (await c.FindAsync(id, ct) is { } session
                ? CertifierPages.Session(session, c.Plans.Find(session.PlanId)!, r.Current, http.RequestServices.GetService<ICertificateIssuer>() is not null)
                : NotFound(id))).ExcludeFromDescription();
        app.MapPost("/certification/sessions/{id}/end", async (string id, HttpContext http, CertificationService c, RegistryService r, PageSessions s,
                AccessLimits l, CancellationToken ct) =>
            Certifier(http, r, s, l) ?? (await c.EndSessionAsync(id, ct) is null ? NotFound(id) : SeeOther(http, $"/certification/sessions/{Uri.EscapeDataString(id)}")))
            .ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/certification/sessions/{id}/clock/advance", AdvanceClockAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/certification/sessions/{id}/certificate", CertificateAsync).ExcludeFromDescription();
        app.MapGet("/certification/sessions/{id}/result.json", async (string id, HttpContext http, CertificationService c, RegistryService r,
                PageSessions s, AccessLimits l, ISimulatorStore store, Clock.SenderClock clock, CancellationToken ct) =>
            Certifier(http, r, s, l) ?? (await c.FindAsync(id, ct) is { } session
                ? Results.Json(await SessionResults.BuildAsync(session, c.Plans.Find(session.PlanId)!, store, clock, ct), AuthorityJson.Options)
                : NotFound(id))).ExcludeFromDescription();

        app.MapGet("/certification/session", async (HttpContext http, CertificationService c, RegistryService r, PageSessions s, AccessLimits l,
                CancellationToken ct) =>
        {
            if (Vendor(http, r, s, l) is { } refused) return refused;
            return await CertificationEndpoints.VendorSessionAsync(http, c, r, ct) is { } session
                ? VendorPage.Show(session, c.Plans.Find(session.PlanId)!, r.Current, http.Request.Query["note"].FirstOrDefault())
                : NotASession();
        }).ExcludeFromDescription();
        app.MapPost("/certification/session/steps/{stepId}/done", async (string stepId, HttpContext http, CertificationService c, RegistryService r,
                PageSessions s, AccessLimits l, CancellationToken ct) =>
        {
            if (Vendor(http, r, s, l) is { } refused) return refused;
            if (await CertificationEndpoints.VendorSessionAsync(http, c, r, ct) is not { } session) return NotASession();
            var (outcome, _) = await c.EndStepAsync(session.Id, stepId, ct);
            var note = outcome switch
            {
                CertificationService.EndOutcome.Ended => "ended",
                CertificationService.EndOutcome.StillProcessing => "processing",
                _ => "not-open",
            };
            return SeeOther(http, "/certification/session?note=" + note);
        }).ExcludeFromDescription().DisableAntiforgery();
    }

    /// <summary>The session page's "advance this session's clock" button (minutes in the form).</summary>
    private static async Task<IResult> AdvanceClockAsync(string id, HttpContext http, CertificationService c, RegistryService r, PageSessions s,
        AccessLimits l, CancellationToken ct)
    {
        if (Certifier(http, r, s, l) is { } refused) return refused;
        var minutes = 0.0;
        try
        {
            if (http.Request.HasFormContentType && (await http.Request.ReadFormAsync(ct))["minutes"].FirstOrDefault() is { } text)
                double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out minutes);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException) { }
        if (!double.IsFinite(minutes) || minutes <= 0 || minutes * 60 > SessionClockAdvance.MaxSeconds)
            return Html.Page("Bad request", new Markup($"<p>Minutes: a number &gt; 0, at most {SessionClockAdvance.MaxSeconds / 60:0} (a year).</p>"),
                new PageOptions { Status = 400 });
        return (await c.AdvanceClockAsync(id, TimeSpan.FromMinutes(minutes), ct)).Outcome switch
        {
            CertificationService.AdvanceOutcome.NotFound => NotFound(id),
            CertificationService.AdvanceOutcome.Advanced => SeeOther(http, $"/certification/sessions/{Uri.EscapeDataString(id)}"),
            _ => Html.Page("Conflict", new Markup("<p>The session has ended, or its clock would leave the simulator's range.</p>"),
                new PageOptions { Status = 409 }),
        };
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CertificationService c, RegistryService r, PageSessions s, AccessLimits l, CancellationToken ct)
    {
        if (Certifier(http, r, s, l) is { } refused) return refused;
        if (!http.Request.HasFormContentType) return Html.Page("Bad request", new Markup("<p>Send the form.</p>"), new PageOptions { Status = 400 });
        IFormCollection form;
        try { form = await http.Request.ReadFormAsync(ct); }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Html.Page("Bad request", new Markup("<p>The form could not be read.</p>"), new PageOptions { Status = 400 });
        }
        string? Field(string name) => form[name].FirstOrDefault() is { Length: > 0 } v ? v.Trim() : null;
        var (created, problems) = await c.CreateAsync(new SessionRequest
        {
            VendorName = Field("vendorName"), SystemName = Field("systemName"), SystemVersion = Field("systemVersion"),
            PlanId = Field("planId"), TaxCode = Field("taxCode"), TvanTaxCode = Field("tvanTaxCode"), CallbackUrl = Field("callbackUrl"),
        }, ct);
        return created is null
            ? CertifierPages.List(await c.ListAsync(ct), c, r.Current, problems: problems, status: 400)
            : CertifierPages.Created(created);
    }

    private static async Task<IResult> CertificateAsync(string id, HttpContext http, CertificationService c, RegistryService r, PageSessions s,
        AccessLimits l, ISimulatorStore store, Clock.SenderClock clock, CancellationToken ct)
    {
        if (Certifier(http, r, s, l) is { } refused) return refused;
        if (await c.FindAsync(id, ct) is not { } session) return NotFound(id);
        if (session.IsOpen)
            return Html.Page("Session still open", new Markup("<p id=\"certificate-note\">End the session first: a certificate covers a closed session. / Kết thúc phiên trước.</p>"),
                new PageOptions { Status = 409 });
        if (http.RequestServices.GetService<ICertificateIssuer>() is not { } issuer)
        {
            var h = new HtmlBuilder();
            h.Add($"<h1>No certificate issuer / Chưa có khóa ký</h1><p id=\"certificate-note\">This server does not hold the certifier's signing key. ");
            h.Add($"Download the <a href=\"/certification/sessions/{id}/result.json\">result (JSON)</a> and sign it with <code>ck</code> ");
            h.Add($"(docs/certification.md, \"The certificate\").</p>");
            return Html.Page("No certificate issuer", h.ToMarkup(), new PageOptions { Status = 501 });
        }
        var issued = await issuer.IssueAsync(await SessionResults.BuildAsync(session, c.Plans.Find(session.PlanId)!, store, clock, ct), ct);
        return Results.File(issued.Content, issued.ContentType, issued.FileName);
    }

    /// <summary>Null when the request is the certifier's (admin key or its login); the login page or a refusal otherwise.</summary>
    private static IResult? Certifier(HttpContext http, RegistryService registry, PageSessions sessions, AccessLimits limits)
    {
        var (viewer, blocked) = limits.Identify(http, registry.Current, sessions);
        if (blocked is not null || !viewer.IsKnown) return SeeOther(http, "/login?return=" + Uri.EscapeDataString(http.Request.Path));
        return viewer.IsAdmin ? null
            : Html.Page("Forbidden", new Markup("<h1>403</h1><p id=\"forbidden\">Only the certifier (admin key) sees this page. / Chỉ dành cho đơn vị chứng nhận.</p>"),
                new PageOptions { Status = 403 });
    }

    private static IResult? Vendor(HttpContext http, RegistryService registry, PageSessions sessions, AccessLimits limits)
    {
        var (viewer, blocked) = limits.Identify(http, registry.Current, sessions);
        return blocked is not null || viewer.Tvan is null ? SeeOther(http, "/login?return=" + Uri.EscapeDataString(http.Request.Path)) : null;
    }

    private static IResult NotASession() => Html.Page("Not a certification session",
        new Markup("<h1>403</h1><p id=\"forbidden\">This key is not a certification session's key. / Khóa này không thuộc phiên chứng nhận nào.</p>"),
        new PageOptions { Status = 403 });

    private static IResult NotFound(string id)
    {
        var h = new HtmlBuilder();
        h.Add($"<h1>404</h1><p>No certification session {id}.</p>");
        return Html.Page("Not found", h.ToMarkup(), new PageOptions { Status = 404 });
    }

    internal static IResult SeeOther(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        http.Response.Headers.CacheControl = "no-store";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    internal static string VerdictClass(string verdict) => verdict switch
    {
        CertificationVerdicts.Passed => "ok",
        CertificationVerdicts.Failed => "error",
        _ => "warn",
    };
}

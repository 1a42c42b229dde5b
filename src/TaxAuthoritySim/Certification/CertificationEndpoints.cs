using System.Text.Json;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Endpoints;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>
/// Certification mode's API. The certifier (admin key) under /admin/v1/certification: plans, sessions, results and the
/// signed certificate. The vendor (its session's key, as X-Api-Key) under /api/v1/certification: its session and plan,
/// and ending the open step. A vendor key never reaches the certifier's routes; the admin key is not a session key.
/// </summary>
public static class CertificationEndpoints
{
    public static void MapCertification(this IEndpointRouteBuilder app)
    {
        var certifier = app.MapGroup("/admin/v1/certification").WithTags("Certification (certifier)").AddEndpointFilter(async (ctx, next) =>
        {
            var registry = ctx.HttpContext.RequestServices.GetRequiredService<RegistryService>();
            return ApiKeys.IsAdmin(ctx.HttpContext, registry.Current)
                ? await next(ctx)
                : ApiKeys.Unauthorized(ApiKeys.AdminHeader, "the admin key");
        }).WithMetadata(new RequiresKey(ApiKeys.AdminHeader)).ProducesProblem(401);

        certifier.MapGet("/plans", (CertificationService c) => Json(c.Plans.All.OrderBy(p => p.Id).Select(PlanView.Of).ToList()))
            .WithSummary("The test plans this server runs (id, version, steps)");
        certifier.MapPost("/sessions", CreateAsync).WithSummary("Create a vendor's session; the answer holds its key, shown only once")
            .Accepts<SessionRequest>("application/json").ProducesProblem(400);
        certifier.MapGet("/sessions", async (CertificationService c, RegistryService r, CancellationToken ct) =>
                Json((await c.ListAsync(ct)).Select(s => SessionView.Of(s, c.Plans.Find(s.PlanId)!, r.Current)).ToList()))
            .WithSummary("Every session, newest first");
        certifier.MapGet("/sessions/{id}", async (string id, CertificationService c, RegistryService r, CancellationToken ct) =>
                await c.FindAsync(id, ct) is { } s ? Json(SessionView.Of(s, c.Plans.Find(s.PlanId)!, r.Current)) : NoSession(id))
            .WithSummary("One session's progress").ProducesProblem(404);
        certifier.MapGet("/sessions/{id}/result", ResultAsync)
            .WithSummary("The session's result (CertificationSessionResult): what the certificate is built from").ProducesProblem(404);
        certifier.MapPost("/sessions/{id}/end", async (string id, CertificationService c, ISimulatorStore store, SenderClock clock, CancellationToken ct) =>
                await c.EndSessionAsync(id, ct) is { } s ? Json(await SessionResults.BuildAsync(s, c.Plans.Find(s.PlanId)!, store, clock, ct)) : NoSession(id))
            .WithSummary("End the session: the open step is judged as it stands, steps not reached stay INCOMPLETE").ProducesProblem(404);
        certifier.MapPost("/sessions/{id}/clock/advance", AdvanceClockAsync)
            .WithSummary("Advance this session's own clock (its held 204s, deadlines and notice times); other sessions and the simulator's clock stay")
            .Accepts<SessionClockAdvance>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        certifier.MapGet("/sessions/{id}/certificate", CertificateAsync)
            .WithSummary("The certificate signed by the certifier's key (when this server has a certificate issuer)")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(501);

        var vendor = app.MapGroup("/api/v1/certification").WithTags("Certification (vendor)")
            .WithMetadata(new RequiresKey(ApiKeys.TvanHeader)).ProducesProblem(401);
        vendor.MapGet("/session", async (HttpContext http, CertificationService c, RegistryService r, CancellationToken ct) =>
                await VendorSessionAsync(http, c, r, ct) is { } s ? Json(SessionView.Of(s, c.Plans.Find(s.PlanId)!, r.Current)) : NotASessionKey())
            .WithSummary("Your session: the plan, the open step's instruction, each step's verdict with its reasons");
        vendor.MapPost("/steps/{stepId}/done", StepDoneAsync)
            .WithSummary("End the open step: it is judged on your traffic and the next one starts").ProducesProblem(409);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, CertificationService c, CancellationToken ct)
    {
        SessionRequest? body;
        try { body = await JsonSerializer.DeserializeAsync<SessionRequest>(request.Body, AuthorityJson.Options, ct); }
        catch (JsonException ex) { return Results.Problem(statusCode: 400, title: "Not valid JSON", detail: ex.Message); }
        if (body is null) return Results.Problem(statusCode: 400, title: "Empty body", detail: "the body must be { vendorName, systemName, systemVersion, planId }");
        var (created, problems) = await c.CreateAsync(body, ct);
        return created is null
            ? Results.Problem(statusCode: 400, title: "The session cannot be created", detail: string.Join("; ", problems),
                extensions: new Dictionary<string, object?> { ["errors"] = problems })
            : Results.Json(created, AuthorityJson.Options, statusCode: 201);
    }

    private static async Task<IResult> AdvanceClockAsync(string id, HttpRequest request, CertificationService c, CancellationToken ct)
    {
        SessionClockAdvance? body;
        try { body = await JsonSerializer.DeserializeAsync<SessionClockAdvance>(request.Body, AuthorityJson.Options, ct); }
        catch (JsonException ex) { return Results.Problem(statusCode: 400, title: "Not valid JSON", detail: ex.Message); }
        if (body is null || !double.IsFinite(body.Seconds) || body.Seconds is <= 0 or > SessionClockAdvance.MaxSeconds)
            return Results.Problem(statusCode: 400, title: "Bad advance", detail: $"seconds: must be a number > 0 and at most {SessionClockAdvance.MaxSeconds} (a year)");
        return await c.AdvanceClockAsync(id, TimeSpan.FromSeconds(body.Seconds), ct) switch
        {
            (CertificationService.AdvanceOutcome.Advanced, { } s) => Json(SessionClockView.Of(s, c)),
            (CertificationService.AdvanceOutcome.Closed, _) => Results.Problem(statusCode: 409, title: "Session ended",
                detail: $"session {id} has ended; its clock can no longer be advanced"),
            (CertificationService.AdvanceOutcome.OutOfRange, _) => Results.Problem(statusCode: 400, title: "Bad advance",
                detail: $"seconds: the session's clock would leave {SimulatedClock.RangeText}"),
            _ => NoSession(id),
        };
    }

    private static async Task<IResult> ResultAsync(string id, CertificationService c, ISimulatorStore store, SenderClock clock, CancellationToken ct) =>
        await c.FindAsync(id, ct) is { } s ? Json(await SessionResults.BuildAsync(s, c.Plans.Find(s.PlanId)!, store, clock, ct)) : NoSession(id);

    private static async Task<IResult> CertificateAsync(string id, HttpContext http, CertificationService c, ISimulatorStore store,
        SenderClock clock, CancellationToken ct)
    {
        if (await c.FindAsync(id, ct) is not { } s) return NoSession(id);
        if (s.IsOpen)
            return Results.Problem(statusCode: 409, title: "Session still open",
                detail: $"end the session first (POST /admin/v1/certification/sessions/{id}/end); a certificate covers a closed session");
        if (http.RequestServices.GetService<ICertificateIssuer>() is not { } issuer) return NoIssuer(id);
        var issued = await issuer.IssueAsync(await SessionResults.BuildAsync(s, c.Plans.Find(s.PlanId)!, store, clock, ct), ct);
        return Results.File(issued.Content, issued.ContentType, issued.FileName);
    }

    /// <summary>501: this server holds no certificate-signing key; the certifier signs the result with ck.</summary>
    public static IResult NoIssuer(string id) => Results.Problem(statusCode: 501, title: "No certificate issuer",
        detail: $"this server does not sign certificates. Fetch the result (GET /admin/v1/certification/sessions/{id}/result) " +
                "and sign it with the certifier's key using ck (see docs/certification.md, \"The certificate\").");

    private static async Task<IResult> StepDoneAsync(string stepId, HttpContext http, CertificationService c, RegistryService r, CancellationToken ct)
    {
        if (await VendorSessionAsync(http, c, r, ct) is not { } session) return NotASessionKey();
        var (outcome, after) = await c.EndStepAsync(session.Id, stepId, ct);
        return outcome switch
        {
            CertificationService.EndOutcome.Ended => Json(SessionView.Of(after!, c.Plans.Find(after!.PlanId)!, r.Current)),
            CertificationService.EndOutcome.StillProcessing => Results.Problem(statusCode: 409, title: "Still being checked",
                detail: "a package of this step is still being checked; end the step again once its 204 came. / Gói tin đang được kiểm tra, vui lòng thử lại."),
            CertificationService.EndOutcome.Closed => Results.Problem(statusCode: 409, title: "Session ended", detail: "every step of this session has ended"),
            _ => Results.Problem(statusCode: 409, title: "Not the open step",
                detail: $"'{stepId}' is not the open step; the open step is {(after is { } a && a.Current < a.Steps.Count ? a.Steps[a.Current].StepId : "none")}"),
        };
    }

    /// <summary>The caller's session: its X-Api-Key is a session sender's key (or its page login).</summary>
    internal static async Task<CertificationSession?> VendorSessionAsync(HttpContext http, CertificationService c, RegistryService r, CancellationToken ct)
    {
        var sessions = http.RequestServices.GetRequiredService<Access.PageSessions>();
        var viewer = sessions.Resolve(http, r.Current, out _);
        return viewer.Tvan is { } tvan ? await c.BySenderAsync(tvan.Code, ct) : null;
    }

    private static IResult NotASessionKey() => ApiKeys.Unauthorized(ApiKeys.TvanHeader, "a certification session's key");

    private static IResult NoSession(string id) => Results.Problem(statusCode: 404, title: "Not found", detail: $"no certification session {id}");

    private static IResult Json<T>(T value) => Results.Json(value, AuthorityJson.Options);
}

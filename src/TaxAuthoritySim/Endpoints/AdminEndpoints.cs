using System.Globalization;
using System.Text.Json;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Faults;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Processing;
using ConformanceKit.TaxAuthoritySim.Reconciliation;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConformanceKit.TaxAuthoritySim.Endpoints;

/// <summary>
/// The control plane of contract.md (JSON, X-Admin-Key): seed, reset, clock, faults, journal, messages. Request and
/// response types are the public contract's (src/AuthorityContract); bodies are read here, not bound, so that a body
/// that is not JSON gets a problem naming line and position.
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1").WithTags("Control plane").AddEndpointFilter(async (ctx, next) =>
        {
            var registry = ctx.HttpContext.RequestServices.GetRequiredService<RegistryService>();
            return ApiKeys.IsAdmin(ctx.HttpContext, registry.Current)
                ? await next(ctx)
                : ApiKeys.Unauthorized(ApiKeys.AdminHeader, "the admin key");
        });

        admin.WithMetadata(new RequiresKey(ApiKeys.AdminHeader)).ProducesProblem(401);

        admin.MapPost("/seed", Seed).WithSummary("Load a seed document on top of the current state")
            .Accepts<SeedDocument>("application/json").ProducesProblem(400);
        admin.MapPost("/reset", Reset).WithSummary("Empty the store, reload the start-up seed, clear faults, real clock");
        admin.MapGet("/clock", (SimulatedClock clock, SimulatorSettings s) => TypedResults.Ok(ContractViews.Clock(clock, s)))
            .WithSummary("The simulated clock");
        admin.MapPut("/clock", SetClock).WithSummary("Set the simulated time, rate and processing delay")
            .Accepts<ClockChange>("application/json").ProducesProblem(400);
        admin.MapPost("/clock/advance", Advance).WithSummary("Move the simulated clock forward")
            .Accepts<ClockAdvance>("application/json").ProducesProblem(400);
        admin.MapPost("/faults", AddFault).WithSummary("Add a fault rule")
            .Accepts<FaultRule>("application/json").ProducesProblem(400);
        admin.MapGet("/faults", (FaultEngine f) => TypedResults.Ok(f.List())).WithSummary("The fault rules and how often each fired");
        admin.MapDelete("/faults", (FaultEngine f, int? seed) => { f.Clear(seed); return TypedResults.NoContent(); })
            .WithSummary("Remove every fault rule (optionally reseed their randomness)");
        admin.MapGet("/journal", Journal).WithSummary("Every message in and out, with timestamps");
        admin.MapGet("/messages/{messageId}", ReceivedMessage)
            .WithSummary("A received message as it arrived (raw bytes, application/xml)")
            .Produces(200, contentType: "application/xml").Produces(401).Produces(404);
        admin.MapGet("/messages/{messageId}/responses", MessageResponses)
            .WithSummary("Every response to a message so far, oldest first, as <DSTDiep>, whichever T-VAN it went to")
            .Produces(200, contentType: "application/xml").Produces(401).Produces(404);
        admin.MapPost("/reconciliation", Reconcile)
            .WithSummary("Run the monthly Step 2 now: check the month's stored invoices (8001–8005) and send each taxpayer's 302")
            .Accepts<ReconciliationRequest>("application/json").ProducesProblem(400);
    }

    internal static readonly JsonSerializerOptions Json = SeedDocument.Json;

    private static async Task<Results<Ok<SeedResult>, ProblemHttpResult>> Seed(HttpRequest request, RegistryService registry, CancellationToken ct)
    {
        SeedDocument? seed;
        try { seed = await JsonSerializer.DeserializeAsync<SeedDocument>(request.Body, Json, ct); }
        catch (JsonException ex) { return BadJson(ex); }
        if (seed is null) return TypedResults.Problem(statusCode: 400, title: "Empty seed", detail: "the body must be a seed document");
        try
        {
            var current = await registry.ApplyAsync(seed, ct);
            return TypedResults.Ok(new SeedResult(current.Taxpayers.Count, current.Tvans.Count));
        }
        catch (SeedException ex)
        {
            return Refused("The seed has problems", ex.Problems);
        }
    }

    private static async Task<Ok<ResetResult>> Reset(ISimulatorStore store, RegistryService registry, StartupSeed seed,
        FaultEngine faults, SimulatedClock clock, SimulatorSettings settings, ProcessingQueue queue,
        Certification.CertificationService certification, CancellationToken ct)
    {
        queue.Clear();
        await store.ResetAsync(ct);
        certification.Clear();
        await registry.ReplaceAsync(seed.Document, ct);
        faults.Clear(seed: 1);
        clock.Reset();
        settings.ProcessingDelay = settings.StartupProcessingDelay;
        return TypedResults.Ok(new ResetResult(true, registry.Current.Taxpayers.Count, registry.Current.Tvans.Count));
    }

    private static async Task<Results<Ok<ReconciliationResult>, ProblemHttpResult>> Reconcile(HttpRequest request, MonthlyReconciliation reconciliation, CancellationToken ct)
    {
        ReconciliationRequest? body;
        try { body = await JsonSerializer.DeserializeAsync<ReconciliationRequest>(request.Body, Json, ct); }
        catch (JsonException ex) { return BadJson(ex); }
        // The clock's range: a month outside it cannot hold stored invoices, and its end must not overflow.
        if (body?.Month is not { } text
            || text.Length != 7
            || !DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            || month.Year < SimulatedClock.Earliest.Year || month.Year >= SimulatedClock.End.Year)
            return Refused("Bad month", [$"month: must be \"yyyy-MM\" from {SimulatedClock.Earliest:yyyy-MM} to {SimulatedClock.End.AddDays(-1):yyyy-MM}, e.g. \"2025-06\""]);
        var result = await reconciliation.RunAsync(month, ct);
        return TypedResults.Ok(ContractViews.Reconciliation(result));
    }

    private static async Task<Results<Ok<ClockView>, ProblemHttpResult>> SetClock(HttpRequest request, SimulatedClock clock, SimulatorSettings settings, CancellationToken ct)
    {
        ClockChange? change;
        try { change = await JsonSerializer.DeserializeAsync<ClockChange>(request.Body, Json, ct); }
        catch (JsonException ex) { return BadJson(ex); }
        if (change is null) return Refused("Empty body", ["the body must be { \"now\", \"rate\", \"processingDelaySeconds\" } (each optional)"]);
        // Everything is checked before anything changes: a refused change leaves the clock as it was.
        var problems = new List<string>();
        if (change.Now is { } now && !SimulatedClock.InRange(now))
            problems.Add($"now: must lie in {SimulatedClock.RangeText}");
        if (change.Rate is { } rate && !SimulatedClock.IsValidRate(rate))
            problems.Add($"rate: must be a number from 0 to {SimulatedClock.MaxRate}");
        if (change.ProcessingDelaySeconds is { } delay && !(double.IsFinite(delay) && delay is >= 0 and <= 900))
            problems.Add("processingDelaySeconds: must be a number from 0 to 900: a 204 comes within 15 minutes of receipt");
        if (problems.Count > 0) return Refused("Bad clock change", problems);
        if (change.Now is not null || change.Rate is not null) clock.Set(change.Now, change.Rate);
        if (change.ProcessingDelaySeconds is { } d) settings.ProcessingDelay = TimeSpan.FromSeconds(d);
        return TypedResults.Ok(ContractViews.Clock(clock, settings));
    }

    private const double MaxAdvanceSeconds = 366 * 86400;

    private static async Task<Results<Ok<ClockView>, ProblemHttpResult>> Advance(HttpRequest request, SimulatedClock clock, SimulatorSettings settings, CancellationToken ct)
    {
        ClockAdvance? body;
        try { body = await JsonSerializer.DeserializeAsync<ClockAdvance>(request.Body, Json, ct); }
        catch (JsonException ex) { return BadJson(ex); }
        if (body is null || !double.IsFinite(body.Seconds) || body.Seconds is <= 0 or > MaxAdvanceSeconds)
            return Refused("Bad advance", [$"seconds: must be a number > 0 and at most {MaxAdvanceSeconds} (a year)"]);
        try
        {
            clock.Advance(TimeSpan.FromSeconds(body.Seconds));
        }
        catch (ArgumentOutOfRangeException)
        {
            return Refused("Bad advance", [$"seconds: the clock would leave {SimulatedClock.RangeText}; set it with PUT /admin/v1/clock or reset"]);
        }
        return TypedResults.Ok(ContractViews.Clock(clock, settings));
    }

    private static async Task<Results<Created<FaultRule>, ProblemHttpResult>> AddFault(HttpRequest request, FaultEngine faults, CancellationToken ct)
    {
        FaultRule? rule;
        try { rule = await JsonSerializer.DeserializeAsync<FaultRule>(request.Body, Json, ct); }
        catch (JsonException ex) { return BadJson(ex); }
        if (rule is null) return Refused("Empty fault rule", ["the body must be a fault rule with an action"]);
        var problems = rule.Problems().ToList();
        if (problems.Count > 0) return Refused("The fault rule has problems", problems);
        return faults.TryAdd(rule) is { } stored
            ? TypedResults.Created((string?)null, stored)
            : Refused("Too many fault rules", [$"at most {FaultEngine.MaxRules} rules; DELETE /admin/v1/faults first"]);
    }

    private static async Task<Ok<JournalPage>> Journal(ISimulatorStore store, string? mst, string? type, long? after, int? limit, CancellationToken ct)
    {
        var entries = await store.JournalAsync(new JournalQuery
        {
            TaxCode = string.IsNullOrWhiteSpace(mst) ? null : mst,
            Type = string.IsNullOrWhiteSpace(type) ? null : type,
            After = Math.Max(0, after ?? 0),
            Limit = Math.Clamp(limit ?? 1000, 1, 10_000),
        }, ct);
        var next = entries.Count == 0 ? Math.Max(0, after ?? 0) : entries[^1].Seq;
        return TypedResults.Ok(new JournalPage([.. entries.Select(ContractViews.Journal)], next));
    }

    private static async Task<IResult> ReceivedMessage(string messageId, ISimulatorStore store, CancellationToken ct)
    {
        var message = await store.GetMessageAsync(messageId, ct);
        return message is null
            ? Results.Problem(statusCode: 404, title: "Not found", detail: $"no message {messageId} was received. / Không có thông điệp {messageId}.")
            : XmlResults.Message(message.Body);
    }

    /// <summary>The T-VAN route's answer without the T-VAN filter: the observer (`ck observe`) holds only the admin key.</summary>
    private static async Task<IResult> MessageResponses(string messageId, ISimulatorStore store, CancellationToken ct)
    {
        var list = await store.ResponsesToAsync(messageId, ct);
        return list.Count == 0
            ? Results.Problem(statusCode: 404, title: "Not found",
                detail: $"no response to {messageId} (yet). / Chưa có phản hồi cho thông điệp {messageId}.")
            : XmlResults.Message(XmlResults.List(list));
    }

    /// <summary>A 400 problem: each entry of <paramref name="problems"/> starts with the field it is about.</summary>
    private static ProblemHttpResult Refused(string title, IReadOnlyList<string> problems) => TypedResults.Problem(
        statusCode: 400, title: title, detail: string.Join("; ", problems),
        extensions: new Dictionary<string, object?> { ["errors"] = problems });

    private static ProblemHttpResult BadJson(JsonException ex) => TypedResults.Problem(statusCode: 400, title: "Not valid JSON",
        detail: $"line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}, path {ex.Path}: {ex.Message}");
}

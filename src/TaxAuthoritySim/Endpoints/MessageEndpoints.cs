using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Access;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Authority;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Faults;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Intake;
using ConformanceKit.TaxAuthoritySim.Processing;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConformanceKit.TaxAuthoritySim.Endpoints;

/// <summary>The T-VAN-facing API of contract.md: messages in, responses out, invoice look-up, certificate.</summary>
public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Messages");

        api.MapPost("/messages", PostMessage)
            .WithSummary("Send one TDiep (206 package or 100 registration); answers a 999 at once")
            .WithDescription("200 + 999 TTTNhan 0 once recorded; 400 + 999 TTTNhan 1 with every reception reason; 413 + 999 (1002) over 2 MB. "
                             + "429 with Retry-After (nothing taken): this T-VAN has too many uploads under way, or the data-check backlog is over "
                             + "--backlog-limit invoices and this T-VAN holds its share of it (problem code backlog-full). 503: too many uploads in all.")
            .WithMetadata(new RequiresKey(ApiKeys.TvanHeader)).AcceptsMessageXml()
            .Produces(200, contentType: "application/xml").Produces(400, contentType: "application/xml")
            .Produces(401).Produces(408).Produces(413, contentType: "application/xml").Produces(429).Produces(503);

        api.MapGet("/messages/{messageId}/responses", Responses)
            .WithSummary("Every response to a message so far, oldest first, as <DSTDiep>")
            .WithMetadata(new RequiresKey(ApiKeys.TvanHeader))
            .Produces(200, contentType: "application/xml").Produces(401).Produces(404);

        api.MapGet("/inbox", Inbox)
            .WithSummary("Responses addressed to the calling T-VAN after a cursor (polling feed)")
            .WithMetadata(new RequiresKey(ApiKeys.TvanHeader))
            .Produces(200, contentType: "application/xml").Produces(401);

        app.MapGet("/api/v1/invoices/{mst}/{code}", Invoice).WithTags("Look-up")
            .WithSummary("Buyer look-up of a stored invoice: JSON summary and the invoice XML. No key: ?total= (TgTTTBSo) is required, rate-limited per client")
            .WithMetadata(new RequiresKey(ApiKeys.TvanHeader, Optional: true), new RequiresKey(ApiKeys.AdminHeader, Optional: true))
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(429);

        app.MapGet("/api/v1/certificate", (AuthorityCertificate cert) => Results.Text(cert.Pem, "application/x-pem-file"))
            .WithTags("Look-up").WithSummary("The simulated tax authority's signing certificate (PEM)");
    }

    private static async Task<IResult> PostMessage(HttpContext http, RegistryService registry, PackageIntake intake,
        IntakeGate gate, FaultEngine faults, SenderClock clock, ProcessingQueue queue, SimulatorSettings settings, CancellationToken ct)
    {
        var tvan = ApiKeys.Tvan(http, registry.Current);
        if (tvan is null) return ApiKeys.Unauthorized(ApiKeys.TvanHeader, "a T-VAN's API key");
        // Before the body is read: a refusal here costs the workers nothing.
        if (queue.IsOverLimit(tvan.Code, settings.BacklogLimit)) return Backlogged(http, tvan.Code, queue);

        using var slot = gate.TryEnter(tvan.Code, out var serverFull);
        if (slot is null) return Busy(http, tvan.Code, serverFull, gate);

        var read = await MessageBody.ReadAsync(http.Request, SafeXml.MaxMessageBytes, ct);
        switch (read.Outcome)
        {
            case MessageBody.Outcome.TooLarge:
            {
                var size = http.Request.ContentLength is { } len ? $"{len:N0} bytes" : "more than 2,097,152 bytes";
                var refused = await intake.Refuse(null, tvan.Code, null, null, tvan, clock.Now(tvan.Code), DateTimeOffset.UtcNow,
                    [ReceptionCheck.Reason(ErrorCodes.TooLarge, $"the message is {size}; the limit is {SafeXml.MaxMessageBytes:N0} bytes (2 MB)")],
                    ct, StatusCodes.Status413PayloadTooLarge);
                return XmlResults.Message(refused.Ack, refused.HttpStatus);
            }
            case MessageBody.Outcome.TooSlow:
                return Results.Problem(statusCode: StatusCodes.Status408RequestTimeout, title: "Request body too slow",
                    detail: $"the message did not arrive within {MessageBody.Deadline.TotalSeconds:N0} s; nothing was taken. / Thông điệp đến quá chậm, chưa được tiếp nhận.");
            case MessageBody.Outcome.Broken:
                http.Abort();
                return Results.Empty;
        }
        var body = read.Bytes!;
        http.Items[MessageBody.ItemKey] = body;

        if (!faults.IsEmpty)
        {
            // The reception check reads the header the rules match on; intake then uses it instead of reading again.
            var reception = ReceptionCheck.RunWithData(body, tvan, registry.Current);
            var header = reception.Validation;
            var fired = faults.OnRequest(new FaultContext(http.Request.Path, header.MessageType, header.TaxCode, tvan.Code));
            if (fired.FirstOrDefault(f => f.Action == FaultAction.CloseConnection) is not null)
            {
                http.Abort();
                return Results.Empty;
            }
            if (fired.FirstOrDefault(f => f.Action is FaultAction.Status500 or FaultAction.Status503) is { } status)
            {
                if (status.Action == FaultAction.Status503) http.Response.Headers.RetryAfter = "1";
                return Results.Problem(statusCode: status.Action == FaultAction.Status500 ? 500 : 503,
                    title: "Simulated fault", detail: $"fault rule {status.Id}: the message was not taken");
            }
            var delay = fired.Where(f => f.Action == FaultAction.Delay999).Sum(f => f.DelaySeconds ?? 0);
            var result = await intake.ReceiveAsync(body, tvan, reception, ct);
            if (delay > 0) await Task.Delay(TimeSpan.FromSeconds(delay), ct);
            return XmlResults.Message(result.Ack, result.HttpStatus);
        }

        var outcome = await intake.ReceiveAsync(body, tvan, ct);
        return XmlResults.Message(outcome.Ack, outcome.HttpStatus);
    }

    /// <summary>Too many uploads at once: the T-VAN's own share (429) or the server's (503); try again shortly.</summary>
    private static IResult Busy(HttpContext http, string tvan, bool serverFull, IntakeGate gate)
    {
        http.Response.Headers.RetryAfter = "1";
        return serverFull
            ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy",
                detail: $"{gate.Total} messages are being received already; nothing was taken, send it again. / Hệ thống đang bận, vui lòng gửi lại.")
            : Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many uploads at once",
                detail: $"{tvan} already has {gate.PerTvan} messages being received; nothing was taken, send it again. / Quá nhiều thông điệp đang gửi cùng lúc.");
    }

    /// <summary>Problem code of the 429 answered while the unprocessed backlog is over --backlog-limit.</summary>
    public const string BacklogFullCode = "backlog-full";

    /// <summary>The data check is behind: wait (429, Retry-After) instead of queueing more; nothing was taken.</summary>
    private static IResult Backlogged(HttpContext http, string tvan, ProcessingQueue queue)
    {
        http.Response.Headers.RetryAfter = "1";
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Data check backlog full",
            detail: $"{queue.Backlog:N0} invoices received are waiting for their data check ({queue.BacklogOf(tvan):N0} of them from {tvan}); " +
                    "nothing was taken, send it again in 1 s. / Hệ thống đang kiểm tra nhiều dữ liệu đã tiếp nhận; thông điệp chưa được tiếp nhận, vui lòng gửi lại sau 1 giây.",
            extensions: new Dictionary<string, object?> { ["code"] = BacklogFullCode });
    }

    private static async Task<IResult> Responses(string messageId, HttpContext http, RegistryService registry,
        ISimulatorStore store, CancellationToken ct)
    {
        var tvan = ApiKeys.Tvan(http, registry.Current);
        if (tvan is null) return ApiKeys.Unauthorized(ApiKeys.TvanHeader, "a T-VAN's API key");
        var list = (await store.ResponsesToAsync(messageId, ct)).Where(r => r.TvanCode == tvan.Code).ToList();
        if (list.Count == 0)
            return Results.Problem(statusCode: 404, title: "Not found",
                detail: $"no response to {messageId} for {tvan.Code} (yet). / Chưa có phản hồi cho thông điệp {messageId}.");
        return XmlResults.Message(XmlResults.List(list));
    }

    private static async Task<IResult> Inbox(HttpContext http, RegistryService registry, ISimulatorStore store,
        Clock.SenderClock clock, long? after, int? limit, CancellationToken ct)
    {
        var tvan = ApiKeys.Tvan(http, registry.Current);
        if (tvan is null) return ApiKeys.Unauthorized(ApiKeys.TvanHeader, "a T-VAN's API key");
        var cursor = Math.Max(0, after ?? 0);
        var list = await store.InboxAsync(tvan.Code, cursor, Math.Clamp(limit ?? 500, 1, 5000), ct);
        var next = list.Count == 0 ? cursor : list[^1].FeedSeq ?? cursor;
        http.Response.Headers["X-Next-Cursor"] = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // HTTP Date is the origin's clock: the simulated one, so a T-VAN can tell when (authority time) it read a 204.
        http.Response.Headers.Date = clock.Now(tvan.Code).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return XmlResults.Message(XmlResults.List(list, next));
    }

    private static async Task<Results<Ok<InvoiceView>, ProblemHttpResult>> Invoice(string mst, string code, string? total, HttpContext http, RegistryService registry,
        PageSessions sessions, AccessLimits limits, ISimulatorStore store, CancellationToken ct)
    {
        var viewer = sessions.Resolve(http, registry.Current, out _);
        var totals = InvoiceLookup.ParseTotal(total);
        if (totals is null)
            return TypedResults.Problem(statusCode: 400, title: "Bad total",
                detail: "total is not an amount (e.g. 1234567 or 1.234.567). / Tổng tiền thanh toán không hợp lệ.");
        if (!viewer.IsKnown)
        {
            if (totals.Length == 0)
                return TypedResults.Problem(statusCode: 400, title: "Total required",
                    detail: "a buyer's look-up needs ?total= — the invoice's total to pay (TgTTTBSo), as printed on it. " +
                            "/ Cần nhập tổng tiền thanh toán của hóa đơn (?total=).");
            var allowed = limits.Lookups.Take(ClientRateLimiter.ClientOf(http));
            if (!allowed.Allowed) return TooManyLookups(http, allowed);
        }
        if (mst.Length > 64 || code.Length > 64) return NotFound(mst, code);
        var found = await InvoiceLookup.FindAsync(store, mst.Trim(), code.Trim().ToUpperInvariant(), totals, viewer, ct);
        if (found is null) return NotFound(mst, code);
        string? xml;
        try
        {
            xml = found.Message is null ? null : InvoiceXml.Extract(found.Message.Body, found.Invoice.Index);
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException)
        {
            xml = null;
        }
        return TypedResults.Ok(await InvoiceStateViews.WithStateAsync(store, ContractViews.Invoice(found.Invoice, xml), found.Invoice, ct));
    }

    private static ProblemHttpResult NotFound(string mst, string code) => TypedResults.Problem(statusCode: 404, title: "Not found",
        detail: $"no invoice {code} of MST {mst} with that total is stored. / Không tìm thấy hóa đơn {code} của MST {mst}.");

    /// <summary>429 with Retry-After, for a client over its look-up limit.</summary>
    public static ProblemHttpResult TooManyLookups(HttpContext http, RateDecision decision)
    {
        http.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many look-ups",
            detail: $"too many look-ups from this client; try again in {decision.RetryAfterSeconds} s. " +
                    $"/ Bạn đã tra cứu quá nhiều lần; vui lòng thử lại sau {decision.RetryAfterSeconds} giây.");
    }
}

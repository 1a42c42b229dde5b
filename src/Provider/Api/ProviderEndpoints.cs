using System.Text.Json;
using ConformanceKit.Provider.Pos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConformanceKit.Provider.Api;

/// <summary>The provider's JSON API for POS integration (direct API mode) and its operators.</summary>
public static class ProviderEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ProviderEngine engine)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ready" })).ExcludeFromDescription();
        var api = app.MapGroup("/api/v1");
        api.MapPost("/sales", (HttpRequest request, CancellationToken ct) => PostSale(request, engine, ct))
            .WithSummary("Issue the invoice of a sale (idempotent by saleId).");
        // {**saleId}: a sale id may hold "/" (quay-1/0001), sent as is or escaped (%2F, which Kestrel leaves escaped).
        api.MapGet("/sales/{**saleId}", (string saleId) => SaleById(engine, saleId) is { } s
                ? Results.Ok(Describe(engine, s))
                : Results.Problem(statusCode: 404, title: "unknown sale", detail: $"no invoice was issued for sale {saleId}"))
            .WithSummary("The invoice of a sale and where it is (issued, packaged, accepted, rejected, held).");
        api.MapGet("/invoices/{code}", (string code) => engine.Store.DetailByCode(code) is { } s
                ? Results.Ok(Describe(engine, s))
                : Results.Problem(statusCode: 404, title: "unknown invoice", detail: $"no invoice {code} was issued here"))
            .WithSummary("An invoice by its code (MCCQT).");
        api.MapPost("/invoices/{code}/cancel", (string code, HttpRequest request, CancellationToken ct) => Cancel(request, engine, code, ct))
            .WithSummary("Cancel an accepted invoice: a signed 303 (Form 04/SS-HĐĐT, TCTBao 1) with the reason; the 301 settles it.");
        api.MapPost("/invoices/{code}/replace", (string code, HttpRequest request, CancellationToken ct) => Replace(request, engine, code, ct))
            .WithSummary("Replace an accepted invoice: a replacement invoice (TTHDLQuan) for the sale given, and a 303 (TCTBao 3).");
        api.MapPost("/invoices/{code}/adjust", (string code, HttpRequest request, CancellationToken ct) => Adjust(request, engine, code, ct))
            .WithSummary("Adjust an accepted invoice: an adjustment invoice (TTHDLQuan TCHDon 2) with the lines of the increase or decrease.");
        api.MapGet("/packages", (string? state) => Results.Ok(engine.Store.Packages(state, 1000, withContent: false).Select(PackageView)))
            .WithSummary("The outbox's packages, optionally by state.");
        api.MapGet("/packages/{messageId}", (string messageId) => engine.Store.FindPackage(messageId) is { } p
                ? Results.Ok(new { package = PackageView(p), codes = engine.Store.PackageCodes(p.Id) })
                : Results.Problem(statusCode: 404, title: "unknown package", detail: $"no package {messageId}"))
            .WithSummary("One package and its invoices' codes.");
        api.MapPost("/packages/flush", () =>
            {
                var waiting = engine.Store.Pending(engine.Options.Register.SellerTaxCode).Count;
                engine.RequestFlush();
                return Results.Accepted(value: new { waiting });
            })
            .WithSummary("Package everything waiting now (manual sync, or before closing).");
        api.MapPost("/retry", (bool? includeRejected) =>
            {
                var n = engine.Store.Requeue(includeRejected ?? false, TimeProvider.System.GetUtcNow());
                engine.Wake();
                return Results.Ok(new { requeued = n });
            })
            .WithSummary("Send held invoices again (after fixing the registration, certificate or contract).");
        api.MapGet("/status", () => Results.Ok(Status(engine))).WithSummary("Counts per state, the signer, the target and the last problem.");
    }

    /// <summary>The sale as named; failing that, with its escaped slashes (%2F) read as "/".</summary>
    private static InvoiceDetail? SaleById(ProviderEngine engine, string saleId) =>
        saleId.Contains("%2F", StringComparison.OrdinalIgnoreCase)
            ? engine.Store.DetailBySale(saleId, saleId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)) // one read for both
            : engine.Store.DetailBySale(saleId);

    public static object Status(ProviderEngine engine)
    {
        var (invoices, packages) = engine.Store.Counts();
        var o = engine.Options;
        var (commits, committed) = engine.GroupCommitCounts;
        return new
        {
            taxCode = o.Register.SellerTaxCode, block = o.Register.Block, target = o.Target, tvan = o.TvanCode,
            sync = o.Sync.ToString().ToLowerInvariant(), batchSize = o.BatchSize, signer = engine.Signer.Mode,
            invoices, packages,
            // Since the start: the sales committed through the group commit, in how many commits (one fsync each).
            saleCommits = new { commits, sales = committed, salesPerCommit = commits == 0 ? 0 : Math.Round((double)committed / commits, 2) },
            lastProblem = engine.LastProblem, lastProblemAt = engine.LastProblemAt,
            resolvedProblem = engine.ResolvedProblem is { } r ? new { problem = r.Problem, at = r.At, resolvedAt = r.ResolvedAt } : null,
        };
    }

    private static async Task<IResult> PostSale(HttpRequest request, ProviderEngine engine, CancellationToken ct)
    {
        SaleRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SaleRequest>(request.Body, SaleJson.Options, ct);
        }
        catch (JsonException e)
        {
            return Refused("the sale is not valid JSON", $"{e.Message} (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}, path {e.Path})",
                e.Path ?? "$", "json");
        }
        catch (BadHttpRequestException e)
        {
            return Results.Problem(statusCode: e.StatusCode, title: "the request cannot be read", detail: e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException) // e.g. "\ud800": text that is not Unicode
        {
            return Refused("the sale is not valid JSON", e.Message, "$", "json");
        }
        if (body is null) return Refused("the sale is not valid JSON", "the body must be a sale (a JSON object)", "$", "json");
        if (!body.HasLines) return Refused("the sale has no lines", "a sale needs at least one line in $.lines", "lines", "required");
        var sale = body.ToSale();
        // Checked here, before anything is allocated, to name the field; the register checks again.
        if ((SaleLimits.FindId(body.SaleId, "saleId", SaleLimits.SaleIdLength)
                ?? SaleLimits.FindId(body.RegisterId, "registerId", SaleLimits.RegisterIdLength)
                ?? SaleCalculator.Find(sale, engine.Options.Register.Form)) is { } v)
            return Refused("the sale cannot be invoiced", v.ToString(), v.Path, v.Rule);
        var saleId = string.IsNullOrWhiteSpace(body.SaleId) ? "api:" + Guid.NewGuid().ToString("N") : body.SaleId;
        try
        {
            var receipt = await engine.SubmitAsync(saleId, sale, body.RegisterId, ct);
            var issued = receipt.Invoice; // the totals are at hand: only the state is read back
            if (!receipt.Existing) engine.RecentTotals.Add(issued.Code.Value, issued.Totals); // for the look-up that follows
            var view = Describe(engine, engine.Store.DetailByCode(issued.Code.Value)!, issued.Totals);
            return receipt.Existing ? Results.Ok(view) : Results.Created($"/api/v1/sales/{Uri.EscapeDataString(saleId)}", view);
        }
        catch (ArgumentException e)
        {
            return Refused("the sale cannot be invoiced", e.Message, "$", "rule");
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(statusCode: 409, title: "no code can be issued", detail: e.Message);
        }
    }

    private static async Task<IResult> Cancel(HttpRequest request, ProviderEngine engine, string code, CancellationToken ct)
    {
        var (body, bad) = await ReadAsync<CancelRequest>(request, ct);
        if (bad is not null) return bad;
        try
        {
            var notice = await engine.CancelAsync(code, body?.Reason, ct);
            return Results.Accepted($"/api/v1/invoices/{Uri.EscapeDataString(code)}",
                new { notice = notice.MessageId, invoice = Describe(engine, engine.Store.DetailByCode(code)!) });
        }
        catch (CorrectionRefusedException e)
        {
            return Results.Problem(statusCode: e.Status, title: e.Title, detail: e.Message);
        }
    }

    private static async Task<IResult> Replace(HttpRequest request, ProviderEngine engine, string code, CancellationToken ct)
    {
        var (body, bad) = await ReadAsync<ReplaceRequest>(request, ct);
        if (bad is not null) return bad;
        if (body is not { Lines.Count: > 0 }) return Refused("the sale has no lines", "a replacement needs at least one line in $.lines", "lines", "required");
        var sale = body.ToSale();
        if ((SaleLimits.FindId(body.SaleId, "saleId", SaleLimits.SaleIdLength) ?? SaleCalculator.Find(sale, engine.Options.Register.Form)) is { } v)
            return Refused("the sale cannot be invoiced", v.ToString(), v.Path, v.Rule);
        try
        {
            var (replacement, notice) = await engine.ReplaceAsync(code, sale, body.Reason, ct, body.SaleId);
            var view = Describe(engine, engine.Store.DetailByCode(replacement.Code.Value)!);
            var answer = new { notice = notice.MessageId, replacement = view };
            return replacement.Record.Existing // the same saleId again: the first replacement, nothing new
                ? Results.Ok(answer)
                : Results.Created($"/api/v1/invoices/{Uri.EscapeDataString(replacement.Code.Value)}", answer);
        }
        catch (CorrectionRefusedException e)
        {
            return Results.Problem(statusCode: e.Status, title: e.Title, detail: e.Message);
        }
        catch (ArgumentException e)
        {
            return Refused("the sale cannot be invoiced", e.Message, "$", "rule");
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(statusCode: 409, title: "no code can be issued", detail: e.Message);
        }
    }

    private static async Task<IResult> Adjust(HttpRequest request, ProviderEngine engine, string code, CancellationToken ct)
    {
        var (body, bad) = await ReadAsync<ReplaceRequest>(request, ct);
        if (bad is not null) return bad;
        if (body is not { Lines.Count: > 0 }) return Refused("the adjustment has no lines", "an adjustment needs at least one line in $.lines", "lines", "required");
        var direction = string.IsNullOrWhiteSpace(body.Direction) ? "increase" : body.Direction.Trim().ToLowerInvariant();
        if (direction is not ("increase" or "decrease"))
            return Refused("the adjustment cannot be invoiced", "direction must be increase or decrease", "direction", "enum");
        var sale = body.ToSale();
        if ((SaleLimits.FindId(body.SaleId, "saleId", SaleLimits.SaleIdLength) ?? SaleCalculator.Find(sale, engine.Options.Register.Form)) is { } v)
            return Refused("the adjustment cannot be invoiced", v.ToString(), v.Path, v.Rule);
        try
        {
            var adjustment = await engine.AdjustAsync(code, sale, direction == "decrease", body.SaleId, ct);
            var view = Describe(engine, engine.Store.DetailByCode(adjustment.Code.Value)!);
            return adjustment.Record.Existing
                ? Results.Ok(new { adjustment = view })
                : Results.Created($"/api/v1/invoices/{Uri.EscapeDataString(adjustment.Code.Value)}", new { adjustment = view });
        }
        catch (CorrectionRefusedException e)
        {
            return Results.Problem(statusCode: e.Status, title: e.Title, detail: e.Message);
        }
        catch (ArgumentException e)
        {
            return Refused("the adjustment cannot be invoiced", e.Message, "$", "rule");
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(statusCode: 409, title: "no code can be issued", detail: e.Message);
        }
    }

    private static async Task<(T? Body, IResult? Bad)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, SaleJson.Options, ct);
            return body is null ? (null, Refused("the body is not valid JSON", "the body must be a JSON object", "$", "json")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, Refused("the body is not valid JSON", e.Message, e.Path ?? "$", "json"));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Results.Problem(statusCode: e.StatusCode, title: "the request cannot be read", detail: e.Message));
        }
    }

    /// <summary>400 as RFC 7807 problem JSON, with the field's JSON path and the rule it breaks.</summary>
    private static IResult Refused(string title, string detail, string field, string rule) =>
        Results.Problem(statusCode: 400, title: title, detail: detail,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["field"] = field, ["rule"] = rule });

    private static SaleResponse Describe(ProviderEngine engine, InvoiceDetail d)
    {
        var record = d.Record;
        if (engine.RecentTotals.Find(record.Code.Value) is { } recent) return Describe(engine, d, recent); // sold just now: known
        SaleTotals totals;
        try
        {
            var sale = SaleJson.Deserialize(record.SaleJson);
            totals = SaleCalculator.Compute(sale, record.Form);
            if (sale.Related is { Kind: 2, Decrease: true }) // a decreasing adjustment: the invoice's total is below zero
            {
                var written = CashRegister.Rebuild(engine.Options.Register, record).Invoice.Totals;
                totals = totals with { TotalPayable = written?.TotalPayable ?? -totals.TotalPayable, TotalPayableInWords = written?.TotalPayableInWords ?? "" };
            }
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException)
        {
            totals = new SaleTotals([], [], 0m, 0m, 0m, 0m, ""); // a sale recorded before the checks: its state and detail say why
        }
        return Describe(engine, d, totals);
    }

    private static SaleResponse Describe(ProviderEngine engine, InvoiceDetail d, SaleTotals totals)
    {
        var (s, record) = (d.Status, d.Record);
        if (!d.Corrected) return Plain(engine, s, record, totals); // no chain, no 303: two reads fewer for almost every answer
        var chain = engine.Store.Chain(s.Code);
        var notices = engine.Store.NoticeItemsOf(s.Code);
        return Plain(engine, s, record, totals) with
        {
            Replaces = chain.Replaces, ReplacedBy = chain.ReplacedBy, Adjusts = chain.Adjusts,
            AdjustedBy = chain.AdjustedBy.Count == 0 ? null : chain.AdjustedBy,
            Notices = notices.Count == 0 ? null : [.. notices.Select(n => new NoticeView(n.MessageId, n.NoticeState,
                n.Action switch { 1 => "cancel", 2 => "adjust", 3 => "replace", _ => "explain" }, n.Reason, n.Accepted, n.Codes, n.Detail))],
        };
    }

    private static SaleResponse Plain(ProviderEngine engine, InvoiceStatus s, AllocatedInvoice record, SaleTotals totals) =>
        new(s.SaleId ?? "", s.Code, s.TaxCode, record.Form, record.Series, s.Number, s.IssuedAt.ToOffset(TimeSpan.FromHours(7)),
            totals.TotalPayable, totals.TotalPayableInWords, s.State, s.PackageMessageId, s.Codes, s.Detail,
            new Uri(engine.Options.Target, $"api/v1/invoices/{s.TaxCode}/{s.Code}?total=" +
                totals.TotalPayable.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString()); // a buyer's look-up needs the total

    private static object PackageView(PackageRecord p) => new
    {
        messageId = p.MessageId, kind = p.Kind, state = p.State, invoices = p.InvoiceCount, createdAt = p.CreatedAt, attempts = p.Attempts,
        nextAttemptAt = p.NextAttemptAt, lastError = p.LastError, ackedAt = p.AckedAt, noticeAt = p.NoticeAt, ltbao = p.Ltbao,
        codes = p.Codes, late = p.Late, overdue = p.Overdue, receivedAt = p.ReceivedAt,
    };
}

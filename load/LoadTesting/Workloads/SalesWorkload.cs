using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.LoadTesting.Targets;
using ConformanceKit.Provider;

namespace ConformanceKit.LoadTesting.Workloads;

public enum SalesShape { Steady, LunchPeak, TetPeak, EndOfDay, Soak, Closed }

/// <summary>
/// Sales rung up through a provider API (`POST /api/v1/sales`, docs/provider.md) by a fleet of stores: one scenario per
/// store (steps: sell, then look the sale up), arrival shapes for the peaks. Afterwards the checks read every sale
/// back: each got one invoice, accepted by the authority (its package's 204), within the 15-minute bound, no code twice.
/// </summary>
public sealed class SalesWorkload(string name, string description, SalesShape shape) : Workload
{
    public static readonly TimeSpan NoticeBound = TimeSpan.FromMinutes(15);

    public override string Name => name;

    public override string Description => description;

    public override TargetKind Speaks => TargetKind.Provider;

    public override SyncMode PipelineSync => shape == SalesShape.EndOfDay ? SyncMode.Manual : SyncMode.Periodic;

    public override bool FastClock => shape == SalesShape.Soak;

    public SalesShape Shape => shape;

    public double DefaultRate => shape switch { SalesShape.Soak => 2, SalesShape.EndOfDay => 10, _ => 20 };

    /// <summary>The closed model's POS clients unless --clients says otherwise.</summary>
    public const int DefaultClients = 8;

    public override async Task<PreparedWorkload> PrepareAsync(LoadTarget target, WorkloadOptions options, CancellationToken ct)
    {
        var provider = target.Provider ?? throw new InvalidOperationException($"{Name} sells through a provider API: use --target pipeline or provider=URL");
        var rate = options.Rate > 0 ? options.Rate : DefaultRate;
        var http = provider.CreateClient(target.Options.MaxConnections, target.Options.RequestTimeout);
        var ledger = new SalesLedger();
        var runId = DateTimeOffset.UtcNow.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture);
        var notes = new List<string>();
        var d = options.Duration;
        var stores = shape == SalesShape.Closed ? Store.Fleet(1, options.Clients > 0 ? options.Clients : DefaultClients, options.Seed) : Store.Fleet(Math.Max(1, options.Stores), Math.Max(1, options.RegistersPerStore), options.Seed);
        var scenarios = new List<Scenario>();
        var cost = new SaleCost(); // this process's CPU per sale answered after the warm-up (the in-process pipeline: all of it)
        for (var i = 0; i < stores.Count; i++)
        {
            var store = stores[i];
            var random = new ThreadLocal<Random>(() => new Random(options.Seed ^ store.Name.GetHashCode(StringComparison.Ordinal) ^ Environment.CurrentManagedThreadId));
            var sell = Step.Create("sell", async ctx =>
            {
                var r = random.Value!;
                var register = ctx.CopyNumber >= 0 ? store.Registers[ctx.CopyNumber % store.Registers.Length] : store.PickRegister(r);
                var saleId = $"load-{runId}/{store.Name}/{ctx.InvocationNumber:000000}";
                var body = store.Profile.SaleJson(r, saleId, register);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("api/v1/sales", content, ctx.CancellationToken).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is not (200 or 201))
                    return StepResult.Fail($"HTTP {status}", status, body.Length + bytes.Length, System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 400)));
                string? code = null;
                try
                {
                    using var json = JsonDocument.Parse(bytes);
                    code = json.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
                }
                catch (JsonException) { }
                if (code is null) return StepResult.Fail("no invoice code in the answer", status, body.Length + bytes.Length);
                ctx.Data["saleId"] = saleId;
                ctx.Data["code"] = code;
                if (!ctx.IsWarmUp)
                {
                    ledger.Add(saleId, code);
                    cost.Answered();
                }
                return StepResult.Ok(status, body.Length + bytes.Length);
            });
            var lookUp = Step.Create("look-up", async ctx =>
            {
                var saleId = (string)ctx.Data["saleId"]!;
                using var response = await http.GetAsync("api/v1/sales/" + Uri.EscapeDataString(saleId), ctx.CancellationToken).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status != 200) return StepResult.Fail($"HTTP {status}", status, bytes.Length);
                using var json = JsonDocument.Parse(bytes);
                return json.RootElement.TryGetProperty("code", out var c) && c.GetString() == (string?)ctx.Data["code"]
                    ? StepResult.Ok(status, bytes.Length)
                    : StepResult.Fail("look-up names another code", status, bytes.Length);
            });
            var storeRate = rate * store.Weight;
            var scenario = Scenario.Create(stores.Count == 1 && shape == SalesShape.Closed ? "pos" : store.Name, sell, lookUp)
                .WithWarmUp(options.WarmUp)
                .WithLoadSimulations(options.Shape is { } custom ? LoadShape.Scale(custom, store.Weight) : Simulations(storeRate, d, stores[i].Registers.Length));
            scenarios.Add(scenario);
        }

        DateTimeOffset? flushedAt = null;
        if (shape == SalesShape.EndOfDay)
        {
            scenarios.Add(Scenario.Create("flush-22h", async ctx =>
                {
                    using var response = await http.PostAsync("api/v1/packages/flush", null, ctx.CancellationToken).ConfigureAwait(false);
                    flushedAt = DateTimeOffset.UtcNow;
                    return StepResult.FromStatus((int)response.StatusCode);
                })
                .WithoutWarmUp()
                .WithLoadSimulations(LoadSimulation.Pause(options.WarmUp + (options.Shape?.Aggregate(TimeSpan.Zero, (t, x) => t + x.During) ?? d) + TimeSpan.FromMilliseconds(500)),
                    LoadSimulation.IterationsForInject(1, TimeSpan.FromSeconds(1), 1)));
            notes.Add("end-of-day: the provider packages nothing until the 22:00 flush (the pipeline's provider runs in manual sync); flush-to-accepted-s is the time from the flush until every invoice was accepted.");
        }
        if (shape == SalesShape.Soak)
        {
            if (target.Spec.Kind == TargetKind.Pipeline && target.Authority?.AdminKey is { } admin && target.ProviderClock is { } clock)
            {
                using var adminHttp = new HttpClient { BaseAddress = target.Authority.Address };
                await new AuthorityAdminClient(adminHttp, admin).SetClockAsync(new ClockChange(clock.GetUtcNow(), options.ClockRate), ct).ConfigureAwait(false);
                notes.Add($"soak: the simulator's and the provider's clocks run {options.ClockRate}× real time from {clock.GetUtcNow():yyyy-MM-dd HH:mm} (day and month boundaries come sooner).");
            }
            else notes.Add("soak: the clock is only sped up for --target pipeline; against another target it runs in real time.");
        }

        var checks = new SalesChecks(http, ledger, options.Settle, () => flushedAt, cost);
        return new PreparedWorkload(scenarios, checks.RunAsync,
            ["fail%<1", "sales-without-invoice==0", "duplicate-codes==0", "packages-without-204==0", "late-204==0"], notes)
        {
            Cleanup = () => { http.Dispose(); return ValueTask.CompletedTask; },
        };
    }

    private LoadSimulation[] Simulations(double r, TimeSpan d, int registers)
    {
        var s = TimeSpan.FromSeconds(1);
        TimeSpan P(double f) => TimeSpan.FromSeconds(Math.Max(0.001, d.TotalSeconds * f));
        return shape switch
        {
            SalesShape.LunchPeak =>
            [
                LoadSimulation.Inject(r, s, P(0.2)), LoadSimulation.RampingInject(3 * r, s, P(0.15)), LoadSimulation.Inject(3 * r, s, P(0.3)),
                LoadSimulation.RampingInject(r, s, P(0.15)), LoadSimulation.Inject(r, s, P(0.2)),
            ],
            SalesShape.TetPeak =>
            [
                LoadSimulation.Inject(r, s, P(0.1)), LoadSimulation.RampingInject(5 * r, s, P(0.25)), LoadSimulation.Inject(5 * r, s, P(0.35)),
                LoadSimulation.RampingInject(r, s, P(0.3)),
            ],
            SalesShape.Closed => [LoadSimulation.KeepConstant(registers, d)],
            _ => [LoadSimulation.Inject(r, s, d)],
        };
    }
}

/// <summary>What the POS was told: each sale's code.</summary>
public sealed class SalesLedger
{
    private readonly ConcurrentDictionary<string, string> _codes = new(StringComparer.Ordinal);

    public void Add(string saleId, string code) => _codes[saleId] = code;

    public IReadOnlyDictionary<string, string> Codes => _codes;
}

/// <summary>After the load: flush, wait for the provider to settle, read every sale and package back through the API.</summary>
internal sealed class SalesChecks(HttpClient http, SalesLedger ledger, TimeSpan settle, Func<DateTimeOffset?> flushedAt, SaleCost? cost = null)
{
    public async Task<IReadOnlyDictionary<string, double>> RunAsync(CancellationToken ct)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (cost?.MicrosecondsPerSale() is { } us) metrics["cpu-us-per-sale"] = Math.Round(us, 0);
        if (await CommitsAsync(ct).ConfigureAwait(false) is { } commits)
        {
            metrics["sale-commits"] = commits.Commits;
            metrics["sales-per-commit"] = commits.PerCommit;
        }
        try { (await http.PostAsync("api/v1/packages/flush", null, ct).ConfigureAwait(false)).Dispose(); }
        catch (HttpRequestException) { }
        var deadline = DateTimeOffset.UtcNow + settle;
        var sales = ledger.Codes.ToList();
        ConcurrentDictionary<string, (string? State, string? Code, string? Package, DateTimeOffset? IssuedAt)> states;
        DateTimeOffset? settledAt = null;
        while (true)
        {
            // The provider's status says when nothing is on its way; a provider without that route is read sale by sale.
            var pending = await PendingAsync(ct).ConfigureAwait(false);
            if (pending is > 0 && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250, ct).ConfigureAwait(false);
                continue;
            }
            states = await ReadSalesAsync(sales, ct).ConfigureAwait(false);
            if (states.Values.All(x => x.State is "accepted" or "rejected" or "held"))
            {
                settledAt = DateTimeOffset.UtcNow;
                break;
            }
            if (DateTimeOffset.UtcNow >= deadline) break;
            await Task.Delay(1000, ct).ConfigureAwait(false);
        }
        if (flushedAt() is { } f && settledAt is { } s) metrics["flush-to-accepted-s"] = Math.Round((s - f).TotalSeconds, 3);

        metrics["sales"] = sales.Count;
        metrics["sales-without-invoice"] = sales.Count(s => states.GetValueOrDefault(s.Key).State != "accepted");
        // A code given to two different sales — by the answers the POS got, or as read back.
        var codes = sales.Select(s => (s.Key, Code: s.Value)).Concat(states.Where(s => s.Value.Code is not null).Select(s => (s.Key, Code: s.Value.Code!)))
            .Distinct().GroupBy(x => x.Code, StringComparer.Ordinal);
        metrics["duplicate-codes"] = codes.Count(g => g.Select(x => x.Key).Distinct(StringComparer.Ordinal).Count() > 1);

        var packages = states.Values.Where(s => s.Package is not null).Select(s => s.Package!).Distinct(StringComparer.Ordinal).ToList();
        var notices = new ConcurrentDictionary<string, (DateTimeOffset? Acked, DateTimeOffset? Notice)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(packages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, token) =>
        {
            try
            {
                using var response = await http.GetAsync("api/v1/packages/" + Uri.EscapeDataString(id), token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) { notices[id] = (null, null); return; }
                using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
                var p = json.RootElement.TryGetProperty("package", out var pk) ? pk : json.RootElement;
                notices[id] = (Time(p, "ackedAt"), Time(p, "noticeAt"));
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
            {
                notices[id] = (null, null);
            }
        }).ConfigureAwait(false);
        metrics["packages"] = packages.Count;
        metrics["packages-without-204"] = notices.Count(n => n.Value.Notice is null);
        metrics["late-204"] = notices.Count(n => n.Value is { Acked: { } a, Notice: { } b } && b - a > SalesWorkload.NoticeBound);
        var saleTo204 = states.Values.Where(s => s.Package is not null && s.IssuedAt is not null && notices.GetValueOrDefault(s.Package).Notice is not null)
            .Select(s => (notices[s.Package!].Notice!.Value - s.IssuedAt!.Value).TotalSeconds).Order().ToList();
        if (saleTo204.Count > 0)
        {
            metrics["sale-to-204-p50-s"] = Math.Round(saleTo204[(int)(0.5 * (saleTo204.Count - 1))], 3);
            metrics["sale-to-204-p99-s"] = Math.Round(saleTo204[(int)(0.99 * (saleTo204.Count - 1))], 3);
            metrics["sale-to-204-max-s"] = Math.Round(saleTo204[^1], 3);
            // End to end (load/PipelineLoad's figure): invoices accepted ÷ (first sale issued → last 204), the pipeline's finishing rate.
            var issued = states.Values.Where(s => s.IssuedAt is not null).Select(s => s.IssuedAt!.Value).ToList();
            var last204 = notices.Values.Where(n => n.Notice is not null).Max(n => n.Notice!.Value);
            var span = issued.Count > 0 ? (last204 - issued.Min()).TotalSeconds : 0;
            if (span > 0) metrics["end-to-end-invoices-per-s"] = Math.Round(saleTo204.Count / span, 1);
        }
        return metrics;
    }

    private async Task<ConcurrentDictionary<string, (string? State, string? Code, string? Package, DateTimeOffset? IssuedAt)>> ReadSalesAsync(
        List<KeyValuePair<string, string>> sales, CancellationToken ct)
    {
        var states = new ConcurrentDictionary<string, (string? State, string? Code, string? Package, DateTimeOffset? IssuedAt)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(sales, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (sale, token) =>
        {
            try
            {
                using var response = await http.GetAsync("api/v1/sales/" + Uri.EscapeDataString(sale.Key), token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) { states[sale.Key] = (null, null, null, null); return; }
                using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
                var root = json.RootElement;
                states[sale.Key] = (Str(root, "state"), Str(root, "code"), Str(root, "package"),
                    root.TryGetProperty("issuedAt", out var at) && at.TryGetDateTimeOffset(out var issued) ? issued : null);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
            {
                states[sale.Key] = (null, null, null, null);
            }
        }).ConfigureAwait(false);
        return states;
    }

    /// <summary>Invoices still on their way (issued or packaged) per GET /api/v1/status; null when the provider has no such route.</summary>
    private async Task<int?> PendingAsync(CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("api/v1/status", ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return null;
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
            if (!json.RootElement.TryGetProperty("invoices", out var invoices) || invoices.ValueKind != JsonValueKind.Object) return null;
            var n = 0;
            foreach (var state in new[] { "issued", "packaged" })
                if (invoices.TryGetProperty(state, out var v) && v.TryGetInt32(out var k)) n += k;
            return n;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The provider's group commits so far (GET /api/v1/status, saleCommits); null when it does not say.</summary>
    private async Task<(double Commits, double PerCommit)?> CommitsAsync(CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("api/v1/status", ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return null;
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
            return json.RootElement.TryGetProperty("saleCommits", out var c) && c.ValueKind == JsonValueKind.Object
                && c.TryGetProperty("commits", out var n) && n.TryGetDouble(out var commits)
                && c.TryGetProperty("salesPerCommit", out var m) && m.TryGetDouble(out var perCommit)
                ? (commits, perCommit)
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var t) ? t : null;
}

/// <summary>
/// This process's CPU from the first measured sale (after the warm-up) to the checks, per measured sale answered: with the
/// in-process pipeline that is the generator, the provider and the simulator together — the cost that bounds sales/s.
/// The warm-up's CPU (the JIT's tiering) is left out; what is still being compiled after it is in.
/// </summary>
internal sealed class SaleCost
{
    private long _startTicks = -1;
    private long _answered;

    public void Answered()
    {
        if (Interlocked.Increment(ref _answered) == 1) Interlocked.Exchange(ref _startTicks, CurrentCpu().Ticks);
    }

    /// <summary>µs of CPU per measured sale from the first to now (the first sale's own cost not counted); null before two.</summary>
    public double? MicrosecondsPerSale()
    {
        var n = Interlocked.Read(ref _answered);
        var start = Interlocked.Read(ref _startTicks);
        return n < 2 || start < 0 ? null : (CurrentCpu() - TimeSpan.FromTicks(start)).TotalMicroseconds / (n - 1);
    }

    private static TimeSpan CurrentCpu()
    {
        using var me = System.Diagnostics.Process.GetCurrentProcess();
        return me.TotalProcessorTime;
    }
}

using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using ConformanceKit.Harness.Catalogue;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Runner;

/// <summary>How a run goes: the target, its admin key, which cases, how many at once, where callbacks arrive.</summary>
public sealed record RunOptions
{
    public required Uri Target { get; init; }
    public required string AdminKey { get; init; }
    public required string TargetDescription { get; init; }
    public string? Filter { get; init; }
    public int Parallel { get; init; } = 4;

    /// <summary>Where the callback receiver listens (default http://127.0.0.1:0).</summary>
    public string? CallbackListen { get; init; }

    /// <summary>The callback base URL the target is given, when it cannot reach the listener's own address.</summary>
    public string? CallbackPublicUrl { get; init; }

    /// <summary>Seeds the run's randomness (invoice serials); null = random.</summary>
    public int? RandomSeed { get; init; }
}

/// <summary>Live progress of a run (the CLI's display, or nothing).</summary>
public interface IRunProgress
{
    void Started(int cases);
    void CaseStarted(ConformanceCase c);
    void CaseFinished(ConformanceCase c, CaseReport report);
}

/// <summary>
/// Runs catalogue cases against a target over HTTP: seeds it with the catalogue's taxpayers and T-VANs, runs the
/// cases that leave global state alone in parallel, then the exclusive ones (clock, faults) one by one, restoring
/// the clock and clearing the faults after each.
/// </summary>
public sealed class CatalogueRunner(CaseCatalogue catalogue)
{
    public async Task<RunReport> RunAsync(RunOptions options, IRunProgress progress, CancellationToken ct = default)
    {
        var startedAt = VietnamNow();
        var watch = Stopwatch.StartNew();
        var cases = catalogue.Select(options.Filter);
        using var target = new TargetClient(new HttpClient { BaseAddress = options.Target, Timeout = TimeSpan.FromSeconds(60) }, options.AdminKey);
        await WaitUntilReadyAsync(options.Target, ct);
        await using var callbacks = await CallbackReceiver.StartAsync(options.CallbackListen, options.CallbackPublicUrl, ct);

        var setupLog = new CaseLog { Step = "setup" };
        var seed = JsonNode.Parse(catalogue.Setup.Seed.ToJsonString().Replace("{callbackUrl}", callbacks.BaseUrl, StringComparison.Ordinal))!;
        await target.SeedAsync(seed, setupLog, ct);
        var clock = await target.ClockAsync(ct);
        var clockReadAt = Stopwatch.GetTimestamp();
        var session = new SessionContext(catalogue, clock.Now, callbacks, options.RandomSeed is { } s ? new Random(s) : new Random())
        {
            AuthorityCertificate = await target.CertificateAsync(ct),
        };

        progress.Started(cases.Count);
        var reports = new CaseReport?[cases.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, options.Parallel));
        await Task.WhenAll(cases.Select((c, i) => (c, i)).Where(x => !x.c.Exclusive).Select(async x =>
        {
            await gate.WaitAsync(ct);
            try { reports[x.i] = await RunOneAsync(x.c, target, session, progress, ct); }
            finally { gate.Release(); }
        }));
        foreach (var (c, i) in cases.Select((c, i) => (c, i)).Where(x => x.c.Exclusive))
        {
            reports[i] = await RunOneAsync(c, target, session, progress, ct);
            await RestoreAsync(target, clock, clockReadAt, ct);
        }

        var all = reports.Select(r => r!).ToList();
        return new RunReport
        {
            Kind = "run", SessionId = Guid.NewGuid().ToString("N"), Tool = ToolInfo.Current, CatalogueVersion = catalogue.Version,
            Target = new TargetInfo(options.Target.ToString(), options.TargetDescription), StartedAt = startedAt, FinishedAt = VietnamNow(),
            Options = new Dictionary<string, string>
            {
                ["filter"] = options.Filter ?? "(all)", ["parallel"] = options.Parallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["cases"] = $"{cases.Count} of {catalogue.Cases.Count}", ["invoiceDate"] = session.IssueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            },
            Summary = ReportSummary.Of(all, watch.Elapsed), Cases = all,
        };
    }

    /// <summary>Reports are read in Vietnam: their times are GMT+7 whatever the machine's zone.</summary>
    private static DateTimeOffset VietnamNow() => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));

    private static async Task<CaseReport> RunOneAsync(ConformanceCase c, TargetClient target, SessionContext session, IRunProgress progress, CancellationToken ct)
    {
        progress.CaseStarted(c);
        var report = await new CaseExecution(c, target, session).RunAsync(ct);
        progress.CaseFinished(c, report);
        return report;
    }

    /// <summary>After an exclusive case: no faults, and the clock where it would be had the case not touched it.</summary>
    private static async Task RestoreAsync(TargetClient target, ClockState original, long readAt, CancellationToken ct)
    {
        var log = new CaseLog { Step = "restore" };
        await target.ClearFaultsAsync(log, ct);
        var now = original.Now + Stopwatch.GetElapsedTime(readAt) * original.Rate;
        await target.SetClockAsync(original with { Now = now }, log, ct);
    }

    /// <summary>
    /// /health answers 200 once the target is ready. A target still starting (503) gets 30 s; one where nothing
    /// listens (connection refused) gets 3 s, so a wrong --target fails fast.
    /// </summary>
    private static async Task WaitUntilReadyAsync(Uri target, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(5) };
        var started = DateTime.UtcNow;
        string last = "";
        var refused = true;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(refused ? 3 : 30))
        {
            try
            {
                using var response = await http.GetAsync("health", ct);
                if (response.IsSuccessStatusCode) return;
                (last, refused) = ($"HTTP {(int)response.StatusCode}", false);
            }
            catch (HttpRequestException e) { last = e.Message; }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { (last, refused) = ("no answer within 5 s", false); }
            await Task.Delay(200, ct);
        }
        throw new TargetException($"{target} is not ready: GET /health gave {last}");
    }
}

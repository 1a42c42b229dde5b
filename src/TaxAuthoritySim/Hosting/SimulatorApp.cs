using System.Globalization;
using ConformanceKit.TaxAuthoritySim.Authority;
using ConformanceKit.TaxAuthoritySim.Certification;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Delivery;
using ConformanceKit.TaxAuthoritySim.Endpoints;
using ConformanceKit.TaxAuthoritySim.Faults;
using ConformanceKit.TaxAuthoritySim.Intake;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Pages;
using ConformanceKit.TaxAuthoritySim.Processing;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>
/// Builds the simulator's web application. Program.cs calls it; so can a host that wants the
/// simulator in-process (tests, `ck run`). Options come from configuration (command line:
/// --seed, --reseed, --store, --data, --outbox, --smtp, --processing-delay, --workers, --log-format). Relative
/// paths are taken from the working directory (`dotnet run --project` keeps the caller's: see the .csproj).

/// </summary>
public static class SimulatorApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public const string Usage = """
        ConformanceKit tax-authority simulator (Decision 1391 step 1: 206 → 999 + signed 204; 100 → 102/103)

        usage: dotnet run --project src/TaxAuthoritySim [-- options]

          --urls URL               where to listen (default http://127.0.0.1:5080)
          --data DIR               data folder: SQLite file, e-mail outbox (default ./data)
          --store SPEC             sqlite:PATH | "Data Source=…" | postgres://user:pass@host:port/db | "Host=…;…"
          --seed FILE              seed loaded when the store is empty and on reset (default seed.demo.json);
                                   given over a stored registry, its T-VANs and admin key replace the stored ones
          --reseed                 start from the seed again (--seed FILE, else the demo seed): it replaces the
                                   stored registry whole (taxpayers, T-VANs, keys); messages and invoices stay
          --processing-delay D     simulated time from receipt to 204: 90, 90s, 5m, 00:05:00 (max 15m; default 0)
          --clock T                start the simulated clock at T (ISO 8601 with offset)
          --clock-rate R           run the simulated clock R times as fast (0 freezes it)
          --outbox DIR             where .eml files go (default DIR/outbox)
          --smtp HOST:PORT         send e-mails to this SMTP server instead
          --workers N              packages checked in parallel (default 2 × cores)
          --backlog-limit N        invoices waiting for their data check before new messages get 429 (default 10000)
          --log-format json        structured JSON logs
          --lookup-limit N         anonymous invoice look-ups per client (IP) per window (default 30)
          --login-limit N          wrong keys at /login per client per window (default 10)
          --lookup-window D        the window of both limits: 60, 60s, 1m (default 1m)

        Relative paths (--seed, --data, --store sqlite:PATH, --outbox) are read from the folder you run the
        command in. Options can also come from CK_SIM_* environment variables (CK_SIM_PROCESSING_DELAY=5m,
        CK_SIM_RESEED=true); no other variable is read as an option (ASPNETCORE_URLS still sets --urls).
        A mistake in the options or the seed stops start-up with one line "error: …" and exit code 2.

        Demo seed: MST 0106324653 (block A1B2C), T-VAN key demo-tvan-key, admin key demo-admin-key.
        API: /swagger · pages: / (log in with the admin key, or a T-VAN's key) and /lookup · docs: docs/simulator.md
        """;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // SQLite calls block their thread; on 2 cores the pool would add threads one by one under a burst.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8 * Environment.ProcessorCount), io);
        // Flags (options without a value) become "--flag=true": the command-line source would take the next
        // argument as their value ("--reseed --urls X" would set reseed to "--urls").
        args = [.. args.Select(a => Flags.Contains(a) ? a + "=true" : a)];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        SimulatorEnvironment.UsePrefixedVariables(builder.Configuration);
        // ASPNETCORE_URLS arrives as "urls" (the host's prefixed source).
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl);
        if (string.Equals(builder.Configuration["log-format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz ");
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(ConnectionLimits.Apply);

        AddSimulator(builder.Services);
        builder.Services.AddOpenApi(OpenApiContract.Configure);
        configure?.Invoke(builder);

        var app = builder.Build();
        // Options and the seed are checked now: a mistake stops start-up with one line (Program prints it).
        app.Services.GetRequiredService<SimulatedClock>();
        app.Services.GetRequiredService<StartupSeed>().Validate();
        app.UseStatusCodePages();
        app.Use(async (http, next) =>
        {
            // Until start-up is done (migrations, seed, certificate) only /health answers, with 503.
            if (!http.RequestServices.GetRequiredService<Readiness>().Ready && !http.Request.Path.StartsWithSegments("/health"))
            {
                http.Response.StatusCode = 503;
                return;
            }
            await next(http);
        });
        app.UseCertificationActivity();
        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Simulator API");
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "ConformanceKit simulator — API";
        });
        app.MapGet("/health", async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> (Readiness ready, ISimulatorStore store,
            ProcessingQueue queue, CancellationToken ct) =>
        {
            if (!ready.Ready) return TypedResults.Json(new HealthView { Status = "starting" }, statusCode: 503);
            var counts = await store.CountsAsync(ct);
            return TypedResults.Ok(new HealthView
            {
                Status = "ok", Store = store.Kind, Messages = counts.Messages, Pending = counts.Pending, Invoices = counts.Invoices,
                Queued = queue.Count, Processed = queue.Processed,
                // Idle: nothing queued or being processed, and nothing recorded that still waits for its data check.
                Idle = queue.Idle && counts.Pending == 0,
            });
        }).WithTags("Health").WithSummary("200 when ready").Produces<HealthView>(503);
        app.MapGet("/metrics", (Diagnostics.StageTimings t) => Results.Text(t.ToPrometheus(), "text/plain; version=0.0.4"))
            .WithTags("Health").WithSummary("Time per processing stage (Prometheus text format)");
        app.MapMessageEndpoints();
        app.MapAdminEndpoints();
        app.MapPages();
        app.MapCertification();
        app.MapCertificationPages();
        return app;
    }

    /// <summary>The options that take no value.</summary>
    private static readonly string[] Flags = ["--reseed"];

    public static void AddSimulator(IServiceCollection services)
    {
        services.AddSingleton(sp => Settings(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var start = config["clock"] is { Length: > 0 } c ? DateTimeOffset.Parse(c, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            var rate = config["clock-rate"] is { Length: > 0 } r ? double.Parse(r, CultureInfo.InvariantCulture) : 1.0;
            var clock = new SimulatedClock(start: start, rate: rate);
            return clock;
        });
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SimulatedClock>());
        services.AddSingleton<SenderClock>();
        services.AddSingleton(sp =>
        {
            var s = sp.GetRequiredService<SimulatorSettings>();
            var store = StoreFactory.Create(s.Store, s.DataDirectory);
            store.InitializeAsync().GetAwaiter().GetResult();
            return store;
        });
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<ISimulatorStore>();
            var seed = sp.GetRequiredService<StartupSeed>();
            var name = seed.Document.TaxAuthority?.Name ?? AuthorityInfo.Default.Name;
            return AuthorityCertificate.LoadOrCreateAsync(store, name).GetAwaiter().GetResult();
        });
        services.AddSingleton<Diagnostics.StageTimings>();
        services.AddSingleton(sp =>
        {
            var s = sp.GetRequiredService<SimulatorSettings>();
            var wall = sp.GetKeyedService<TimeProvider>(Access.AccessLimits.WallClock) ?? TimeProvider.System;
            return new Access.AccessLimits(new Access.ClientRateLimiter(s.LookupLimit, s.LookupWindow, wall),
                new Access.ClientRateLimiter(s.LoginLimit, s.LookupWindow, wall));
        });
        services.AddSingleton(sp => new Access.PageSessions(
            sp.GetKeyedService<TimeProvider>(Access.AccessLimits.WallClock) ?? TimeProvider.System,
            sp.GetRequiredService<SimulatorSettings>().SessionLifetime));
        services.AddSingleton<StartupSeed>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<RegistryService>();
        services.AddSingleton<ResponseFactory>();
        services.AddSingleton<FaultEngine>();
        services.AddSingleton<ProcessingQueue>();
        services.AddSingleton<PackageIntake>();
        services.AddSingleton<IntakeGate>();
        services.AddSingleton<MessageProcessor>();
        services.AddSingleton<Reconciliation.MonthlyReconciliation>();
        services.AddSingleton<RegistrationProcessor>();
        services.AddSingleton<ErroneousNoticeProcessor>();
        services.AddSingleton(_ => new TestPlans());
        services.AddSingleton(sp => new CertificationService(sp.GetRequiredService<ISimulatorStore>(), sp.GetRequiredService<RegistryService>(),
            sp.GetRequiredService<FaultEngine>(), sp.GetRequiredService<SenderClock>(), sp.GetRequiredService<TestPlans>(),
            sp.GetKeyedService<TimeProvider>(Access.AccessLimits.WallClock)));
        // Order matters: start-up first, then recovery of pending work, then delivery.
        services.AddHostedService<StartupService>();
        services.AddHostedService<ProcessingService>();
        services.AddDelivery();
    }

    private static SimulatorSettings Settings(IConfiguration config)
    {
        var delay = config["processing-delay"] is { Length: > 0 } d ? ParseDuration(d) : TimeSpan.Zero;
        var data = config["data"] is { Length: > 0 } dir ? dir : "data";
        var settings = new SimulatorSettings
        {
            DataDirectory = data,
            Store = config["store"],
            SeedPath = config["seed"],
            Reseed = Flag(config, "reseed"),
            OutboxDirectory = config["outbox"],
            Smtp = config["smtp"],
            Workers = int.TryParse(config["workers"], out var w) && w > 0 ? w : 2 * Environment.ProcessorCount,
            StartupProcessingDelay = delay,
            ProcessingDelay = delay,
            BacklogLimit = PositiveInt(config["backlog-limit"], SimulatorSettings.DefaultBacklogLimit),
            LookupLimit = PositiveInt(config["lookup-limit"], 30),
            LoginLimit = PositiveInt(config["login-limit"], 10),
            LookupWindow = config["lookup-window"] is { Length: > 0 } lw && ParseDuration(lw) is { Ticks: > 0 } window
                ? window : TimeSpan.FromMinutes(1),
        };
        return settings;
    }

    private static bool Flag(IConfiguration config, string name) => config[name]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        var other => throw new ArgumentException($"--{name} takes no value (or true/false), not '{other}'"),
    };

    private static int PositiveInt(string? text, int fallback) =>
        string.IsNullOrEmpty(text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new ArgumentException($"'{text}' is not a positive whole number");

    /// <summary>"90" (seconds), "90s", "5m", or "00:05:00"; anything else (or beyond a day) is a FormatException.</summary>
    public static TimeSpan ParseDuration(string s)
    {
        s = s.Trim();
        if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) && s.Contains(':')) return t;
        var unit = s.Length > 0 ? s[^1] : ' ';
        var number = char.IsLetter(unit) ? s[..^1] : s;
        var seconds = unit switch { 'm' => 60.0, 'h' => 3600.0, 's' or (>= '0' and <= '9') => 1.0, _ => double.NaN };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value * seconds) || value < 0 || value * seconds > 86400)
            throw new FormatException($"'{s}' is not a duration like 90, 90s, 5m or 00:05:00 (at most a day)");
        return TimeSpan.FromSeconds(value * seconds);
    }
}

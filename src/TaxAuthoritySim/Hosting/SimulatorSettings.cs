namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>Start-up options (command line / configuration) and the few that the control plane can change.</summary>
public sealed class SimulatorSettings
{
    /// <summary>The bound of Decision 1391 step 1: a 204 within 15 minutes of receipt.</summary>
    public static readonly TimeSpan NoticeDeadline = TimeSpan.FromMinutes(15);

    /// <summary>Folder for the SQLite file, the e-mail outbox and the log file.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>--store: null = SQLite in the data folder.</summary>
    public string? Store { get; init; }

    /// <summary>--seed: the seed loaded when the store is empty (and on reset).</summary>
    public string? SeedPath { get; init; }

    /// <summary>--reseed: replace the stored registry by the seed at start-up (messages and invoices are kept).</summary>
    public bool Reseed { get; init; }

    /// <summary>--outbox: where .eml files go when no SMTP server is configured.</summary>
    public string? OutboxDirectory { get; init; }

    /// <summary>--smtp host:port — send e-mails there instead of writing .eml files.</summary>
    public string? Smtp { get; init; }

    /// <summary>Worker tasks checking packages in parallel.</summary>
    public int Workers { get; init; } = 2 * Environment.ProcessorCount;

    public const int DefaultBacklogLimit = 10_000;

    /// <summary>
    /// --backlog-limit: invoices acknowledged and not yet through their data check past which the intake answers 429
    /// (a T-VAN below its share of the limit is still taken). Bounds the wait for a 204 at saturation and keeps the
    /// intake from taking the workers' CPU; 0 (settable in code only) turns it off.
    /// </summary>
    public int BacklogLimit { get; init; } = DefaultBacklogLimit;

    private long _processingDelayTicks;

    /// <summary>Simulated time between receipt and the 204 (capped at 15 minutes). Default 0: as soon as checked.</summary>
    public TimeSpan ProcessingDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _processingDelayTicks));
        set => Interlocked.Exchange(ref _processingDelayTicks,
            Math.Clamp(value.Ticks, 0, NoticeDeadline.Ticks));
    }

    /// <summary>The processing delay given at start-up; a reset returns to it.</summary>
    public TimeSpan StartupProcessingDelay { get; init; }

    /// <summary>Sender address of the e-mails.</summary>
    public string MailFrom { get; init; } = "thongbao@tct.mo-phong.test";

    /// <summary>--lookup-limit: anonymous buyer look-ups (page and JSON) per client per <see cref="LookupWindow"/>.</summary>
    public int LookupLimit { get; init; } = 30;

    /// <summary>--lookup-window: the fixed window of the look-up and login limits (wall-clock time).</summary>
    public TimeSpan LookupWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>--login-limit: wrong keys per client per <see cref="LookupWindow"/> before the pages' login answers 429.</summary>
    public int LoginLimit { get; init; } = 10;

    /// <summary>How long a login to the operator pages lasts (wall-clock time).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(12);

    public string OutboxPath => OutboxDirectory ?? Path.Combine(DataDirectory, "outbox");
}

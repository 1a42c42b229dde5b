using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider;

/// <summary>When packages are formed: as each invoice is issued, on a schedule, or only when asked.</summary>
public enum SyncMode
{
    /// <summary>Each invoice goes in its own package as soon as it is issued.</summary>
    Realtime,

    /// <summary>A package every <see cref="ProviderOptions.BatchSize"/> invoices, or when the oldest has waited <see cref="ProviderOptions.BatchInterval"/>.</summary>
    Periodic,

    /// <summary>Only on demand (API, `ck provider flush`) and at the end of the day.</summary>
    Manual,
}

/// <summary>How a provider runs: whom it sells for, where it sends, when it packages, how it retries.</summary>
public sealed record ProviderOptions
{
    /// <summary>The store: the register's SQLite file (codes, outbox); <c>:memory:NAME</c> only for benchmarks.</summary>
    public required string Database { get; init; }

    /// <summary>The seller and its block; registers named in sales share the block.</summary>
    public required RegisterConfig Register { get; init; }

    /// <summary>The authority (the simulator, or a vendor's endpoint implementing the contract).</summary>
    public Uri Target { get; init; } = new("http://127.0.0.1:5080/");

    /// <summary>MNGui: the T-VAN code this provider sends as.</summary>
    public string TvanCode { get; init; } = DemoData.TvanCode;

    /// <summary>The T-VAN's API key (X-Api-Key).</summary>
    public string ApiKey { get; init; } = DemoData.TvanApiKey;

    public SyncMode Sync { get; init; } = SyncMode.Periodic;

    /// <summary>Invoices per package (at most; a package also stays under 2 MB).</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Periodic mode: the longest an issued invoice waits for a package.</summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Every day at this time (GMT+7) everything waiting is packaged, whatever the mode.</summary>
    public TimeOnly? EndOfDay { get; init; }

    /// <summary>How long a 204 may take after the 999 before the package is late (15 minutes by rule).</summary>
    public TimeSpan NoticeDeadline { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the inbox is read for 204s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>First retry delay after a failed send or sign; doubles up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Times an invoice may be re-packaged after fixable refusals before it is held.</summary>
    public int MaxPackagings { get; init; } = 5;

    /// <summary>HTTP timeout of one send.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

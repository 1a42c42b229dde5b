namespace ConformanceKit.Harness.Chaos;

/// <summary>How hard `ck chaos` shakes the pipeline.</summary>
public sealed record ChaosOptions
{
    /// <summary>Sales rung up through the provider's API.</summary>
    public int Sales { get; init; } = 2000;

    /// <summary>Times the provider process is killed with SIGKILL and restarted.</summary>
    public int Kills { get; init; } = 50;

    /// <summary>
    /// Corrections asked while the sales go on (docs/corrections.md): cancel, replace, adjust up or down of a sale already
    /// answered, some of an invoice corrected already (the chain rules refuse those).
    /// </summary>
    public int Corrections { get; init; } = 60;

    /// <summary>POS clients sending sales at once.</summary>
    public int Clients { get; init; } = 4;

    /// <summary>Sales per second, all clients together, so the sales span the kills; 0 = as fast as the provider answers.</summary>
    public double Rate { get; init; } = 50;

    /// <summary>Invoices per package (periodic sync).</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Seeds the kill moments, the simulator's fault dice and the clients.</summary>
    public int Seed { get; init; } = 20261205;

    /// <summary>A kill comes this long (at random, in milliseconds) after the provider answers again.</summary>
    public (int Min, int Max) KillAfterMs { get; init; } = (150, 1500);

    /// <summary>Whether the simulator's faults are on (503, dropped connections, slow 999s, duplicated and delayed 204s).</summary>
    public bool Faults { get; init; } = true;

    /// <summary>How long the provider may take to settle everything once the kills stop.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Where the stores and logs go (kept for reading after a failure).</summary>
    public required string WorkFolder { get; init; }

    /// <summary>How to start `ck` with the given arguments (the provider runs in a child process so it can be killed).</summary>
    public required Func<IReadOnlyList<string>, System.Diagnostics.ProcessStartInfo> StartCk { get; init; }

    /// <summary>How to start the simulator with its store in the given folder (ck hosts it in-process).</summary>
    public required Func<string, CancellationToken, Task<ChaosSimulator>> StartSimulator { get; init; }

    /// <summary>How to read the provider's store (a SQLite file) for the end checks, the provider stopped.</summary>
    public required Func<string, ChaosStore> ReadStore { get; init; }
}

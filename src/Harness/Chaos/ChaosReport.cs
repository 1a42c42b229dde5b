namespace ConformanceKit.Harness.Chaos;

/// <summary>One end-of-run check: its name, whether it held, and what broke it.</summary>
public sealed record ChaosCheck(string Name, bool Passed, string Detail);

/// <summary>What a chaos run did and what it found.</summary>
public sealed record ChaosReport
{
    public required int Sales { get; init; }
    public required int Kills { get; init; }
    public required int Restarts { get; init; }
    public required int Invoices { get; init; }
    public required int Packages { get; init; }
    public required int SendRetries { get; init; }
    public required int ClientRetries { get; init; }

    /// <summary>Corrections asked (cancel, replace, adjust) and, of them, refused by the chain rules.</summary>
    public int Corrections { get; init; }

    public int CorrectionsRefused { get; init; }
    public required IReadOnlyDictionary<string, long> FaultsFired { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required IReadOnlyList<ChaosCheck> Checks { get; init; }
    public required string WorkFolder { get; init; }

    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);
}

namespace ConformanceKit.Load.PipelineLoad;

/// <summary>The figures of one variant (one fresh simulator and provider).</summary>
public sealed record VariantResult
{
    public required string Variant { get; init; }
    public required string Store { get; init; }
    public required int Invoices { get; init; }
    public required int BatchSize { get; init; }
    public required int Concurrency { get; init; }

    /// <summary>Sales answered 201 (the others are errors).</summary>
    public required int Issued { get; init; }
    public required int Errors { get; init; }
    public string? FirstError { get; init; }

    /// <summary>First POST sent → last POST answered.</summary>
    public required double IssueSeconds { get; init; }
    public double IssuePerSecond => Issued / Math.Max(1e-9, IssueSeconds);
    public required LatencySummary Post { get; init; }

    /// <summary>First POST sent → the store counts every invoice accepted; null when that never happened.</summary>
    public double? EndToEndSeconds { get; init; }
    public double? EndToEndPerSecond => EndToEndSeconds is { } s ? Invoices / Math.Max(1e-9, s) : null;

    /// <summary>Last POST answered → last invoice accepted: packaging, signing, sending and the 204 of the tail.</summary>
    public double? DrainSeconds => EndToEndSeconds is { } s ? s - IssueSeconds : null;

    /// <summary>Accepted when the last POST was answered (the pipeline kept pace with the intake when close to Issued).</summary>
    public required int AcceptedAtIssueEnd { get; init; }

    /// <summary>Packages that left the provider (acknowledged, accepted, refused or rejected).</summary>
    public required int PackagesSent { get; init; }
    public double InvoicesPerPackage => PackagesSent == 0 ? 0 : Issued / (double)PackagesSent;
    public required IReadOnlyDictionary<string, int> InvoiceStates { get; init; }
    public required IReadOnlyDictionary<string, int> PackageStates { get; init; }
    public string? LastProblem { get; init; }

    /// <summary>CPU of this process (clients, provider and simulator) from the first POST to the end.</summary>
    public required double CpuSeconds { get; init; }
    public double CpuMsPerInvoice => CpuSeconds * 1000 / Math.Max(1, Invoices);

    /// <summary>CPU other processes took meanwhile (seconds); the run is disturbed when it is large.</summary>
    public required double OtherCpuSeconds { get; init; }
    public required double WallSeconds { get; init; }

    public bool Completed => EndToEndSeconds is not null && Errors == 0;
}

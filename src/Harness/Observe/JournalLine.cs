using System.Globalization;

namespace ConformanceKit.Harness.Observe;

/// <summary>One line of the simulator's journal (`GET /admin/v1/journal`), as the control plane writes it.</summary>
public sealed record JournalLine
{
    public long Seq { get; init; }
    public string At { get; init; } = "";
    public string? WallAt { get; init; }
    public string Direction { get; init; } = "";
    public string Type { get; init; } = "";
    public string? MessageId { get; init; }
    public string? ReplyTo { get; init; }
    public string? Mst { get; init; }
    public string? Tvan { get; init; }
    public int? HttpStatus { get; init; }
    public string? Outcome { get; init; }
    public double? LatencySeconds { get; init; }
    public double? LatencyMs { get; init; }

    /// <summary>Simulated time of the line.</summary>
    public DateTimeOffset Time => DateTimeOffset.Parse(At, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public bool IsIn => Direction == "in";

    public bool IsOut => Direction == "out";
}

/// <summary>One page of the journal.</summary>
public sealed record JournalPage(IReadOnlyList<JournalLine> Entries, long Next);

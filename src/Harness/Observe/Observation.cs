using ConformanceKit.AuthorityContract;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Observe;

/// <summary>Everything read from the simulator about the window: the material every check judges.</summary>
public sealed record Observation
{
    public required ObserveWindow Window { get; init; }

    /// <summary>Every journal line of the taxpayer (inside the window or not: responses may come after it).</summary>
    public required IReadOnlyList<JournalView> Journal { get; init; }

    /// <summary>206s taken for processing (999 TTTNhan 0) inside the window, in order of receipt.</summary>
    public required IReadOnlyList<ObservedPackage> Packages { get; init; }

    public required IReadOnlyList<ObservedRefusal> Refusals { get; init; }

    public required IReadOnlyList<ObservedReplay> Replays { get; init; }

    /// <summary>The simulator's fault rules as read after the journal (their counts run since each rule was added).</summary>
    public IReadOnlyList<FaultRule> Faults { get; init; } = [];
    /// <summary>303s (Form 04/SS-HĐĐT) taken inside the window, with their 301s, in order of receipt.</summary>
    public IReadOnlyList<ObservedErroneousNotice> ErroneousNotices { get; init; } = [];

    /// <summary>The HTTP exchanges made to read all this (the journal summarised as one).</summary>
    public required IReadOnlyList<Exchange> Exchanges { get; init; }

    public ObservedPackage? Package(string? messageId) =>
        messageId is null ? null : Packages.FirstOrDefault(p => p.MessageId == messageId);

    /// <summary>The journal exchange plus the fetches about the given messages.</summary>
    public IReadOnlyList<Exchange> ExchangesAbout(IEnumerable<string?> messageIds)
    {
        var ids = messageIds.Where(i => i is not null).Select(i => i!).ToHashSet(StringComparer.Ordinal);
        return [.. Exchanges.Where(e => e.Step == "journal" || ids.Any(id => e.Step.EndsWith(" " + id, StringComparison.Ordinal)))];
    }
}

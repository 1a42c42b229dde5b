namespace ConformanceKit.Harness.Chaos;

/// <summary>
/// What the chaos run's end checks read from the provider's store, once the provider is stopped. The harness reaches
/// the provider only over HTTP: whoever runs the chaos test (ck) reads the store and hands this over.
/// </summary>
/// <param name="Issued">Every invoice the register allocated, with the sale it was for.</param>
/// <param name="Packages">Every package in the outbox, with the codes it carries.</param>
/// <param name="Invoices">Every invoice's state at the provider.</param>
/// <param name="Links">Which invoice replaces or adjusts which.</param>
/// <param name="Notices">Every 303 entry (Form 04/SS-HĐĐT) and the 301's verdict the provider recorded.</param>
public sealed record ChaosStore(
    IReadOnlyList<ChaosStore.IssuedCode> Issued,
    IReadOnlyList<ChaosStore.Package> Packages,
    IReadOnlyList<ChaosStore.Invoice> Invoices,
    IReadOnlyList<ChaosStore.Link>? Links = null,
    IReadOnlyList<ChaosStore.NoticeEntry>? Notices = null)
{
    /// <summary>A replacement or adjustment (<paramref name="Kind"/> replace, adjust) of <paramref name="Original"/>.</summary>
    public sealed record Link(string Code, string Kind, string Original);

    /// <summary>A 303 entry: its MTDiep, the invoice, TCTBao (1 cancel, 3 replace …) and the 301's verdict (null: none recorded).</summary>
    public sealed record NoticeEntry(string MessageId, string Code, int Action, bool? Accepted);

    /// <summary>An allocated invoice: its serial (1…N in the block) and code.</summary>
    public sealed record IssuedCode(string? SaleId, long Serial, string Code);

    /// <summary>A package: its MTDiep, state, the LTBao of the 204 the provider recorded, its send retries and its invoices' codes;
    /// <paramref name="Kind"/> 206 (invoices) or 303 (a Form 04/SS-HĐĐT, answered by a 301).</summary>
    public sealed record Package(string MessageId, string State, int? Ltbao, int Attempts, IReadOnlyList<string> Codes, string Kind = "206");

    /// <summary>An invoice at the provider; <paramref name="Accepted"/> once the authority stored it (a cancelled one was).</summary>
    public sealed record Invoice(string Code, string State, bool Accepted);
}

/// <summary>A simulator started for a chaos run: where it listens; disposing it stops it.</summary>
public sealed record ChaosSimulator(Uri Address, IAsyncDisposable Host) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

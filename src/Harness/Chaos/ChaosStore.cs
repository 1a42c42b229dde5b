namespace ConformanceKit.Harness.Chaos;

/// <summary>
/// What the chaos run's end checks read from the provider's store, once the provider is stopped. The harness reaches
/// the provider only over HTTP: whoever runs the chaos test (ck) reads the store and hands this over.
/// </summary>
/// <param name="Issued">Every invoice the register allocated, with the sale it was for.</param>
/// <param name="Packages">Every package in the outbox, with the codes it carries.</param>
/// <param name="Invoices">Every invoice's state at the provider.</param>
public sealed record ChaosStore(
    IReadOnlyList<ChaosStore.IssuedCode> Issued,
    IReadOnlyList<ChaosStore.Package> Packages,
    IReadOnlyList<ChaosStore.Invoice> Invoices)
{
    /// <summary>An allocated invoice: its serial (1…N in the block) and code.</summary>
    public sealed record IssuedCode(string? SaleId, long Serial, string Code);

    /// <summary>A package: its MTDiep, state, the LTBao of the 204 the provider recorded, its send retries and its invoices' codes.</summary>
    public sealed record Package(string MessageId, string State, int? Ltbao, int Attempts, IReadOnlyList<string> Codes);

    /// <summary>An invoice at the provider; <paramref name="Accepted"/> once the authority stored it.</summary>
    public sealed record Invoice(string Code, string State, bool Accepted);
}

/// <summary>A simulator started for a chaos run: where it listens; disposing it stops it.</summary>
public sealed record ChaosSimulator(Uri Address, IAsyncDisposable Host) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

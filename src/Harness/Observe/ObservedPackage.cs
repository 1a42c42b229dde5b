using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Harness.Observe;

/// <summary>A 206 the simulator took for processing inside the window, with its body and every response.</summary>
public sealed record ObservedPackage
{
    public required string MessageId { get; init; }

    /// <summary>The journal line of its receipt (simulated time in <see cref="JournalView.At"/>).</summary>
    public required JournalView Received { get; init; }

    public DateTimeOffset ReceivedAt => Received.AtValue;

    /// <summary>The bytes as received; null when the simulator no longer has them.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The package read with the Einvoice library; null when <see cref="Body"/> could not be read.</summary>
    public InvoicePackage? Package { get; init; }

    public string? ReadError { get; init; }

    /// <summary>999s among the responses (the TTTNhan 0 of the receipt; a later 1008 refusal of the same MTDiep too).</summary>
    public IReadOnlyList<TechnicalAck> Acks { get; init; } = [];

    /// <summary>204s among the responses, oldest first.</summary>
    public IReadOnlyList<DataCheckNotice> Notices { get; init; } = [];

    /// <summary>The journal's "out 204" lines answering this package (present even when a fault dropped the 204).</summary>
    public IReadOnlyList<JournalView> NoticeLines { get; init; } = [];

    public DataCheckNotice? Notice => Notices.Count > 0 ? Notices[0] : null;

    /// <summary>The authority rejected the package (204 LTBao 7): none of its invoices was stored.</summary>
    public bool Rejected => Notice?.Kind == 7;

    public IReadOnlyList<CashRegisterInvoice> Invoices => Package?.Invoices ?? [];
}

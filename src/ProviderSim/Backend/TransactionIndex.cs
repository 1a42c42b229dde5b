using System.Collections.Concurrent;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// What a market provider keeps beside the invoice: the POS's transaction id, when it was issued, whether it was
/// cancelled. In memory (a restart of the simulator forgets listing and cancellations; the invoices themselves stay
/// in the reference provider's store and are found again by transaction id).
/// </summary>
public sealed class TransactionIndex
{
    public sealed record Entry(string TransactionId, string SaleId, string Code, string InvoiceNo, DateTimeOffset IssuedAt)
    {
        public DateTimeOffset? CancelledAt { get; set; }
        public string? CancelReason { get; set; }
    }

    private readonly ConcurrentDictionary<string, Entry> _byTransaction = new(StringComparer.Ordinal);

    public Entry Record(Entry entry) => _byTransaction.GetOrAdd(entry.TransactionId, entry);

    public Entry? ByTransaction(string transactionId) => _byTransaction.TryGetValue(transactionId, out var e) ? e : null;

    public Entry? ByInvoiceNo(string invoiceNo) => _byTransaction.Values.FirstOrDefault(e => e.InvoiceNo == invoiceNo || e.Code == invoiceNo);

    public Entry? ByCode(string code) => _byTransaction.Values.FirstOrDefault(e => e.Code == code);

    /// <summary>Issued on [from, to] (dates in GMT+7, both included), oldest first.</summary>
    public IReadOnlyList<Entry> Between(DateOnly from, DateOnly to) => _byTransaction.Values
        .Where(e => DateOnly.FromDateTime(e.IssuedAt.ToOffset(TimeSpan.FromHours(7)).DateTime) is var d && d >= from && d <= to)
        .OrderBy(e => e.IssuedAt).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
}

using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Tests.Import;

/// <summary>
/// An in-memory, idempotent intake: each new sale id gets the next fake code; a known one gets its
/// first receipt back with Existing set. <see cref="Fail"/> can make a submission throw first.
/// </summary>
internal sealed class FakeIntake : ISaleIntake
{
    private readonly Dictionary<string, SaleReceipt> issued = new(StringComparer.Ordinal);
    private readonly List<string> calls = [];

    /// <summary>Called before each new issue; the exception it returns is thrown instead.</summary>
    public Func<string, Exception?>? Fail { get; set; }

    public IReadOnlyDictionary<string, SaleReceipt> Issued { get { lock (issued) return new Dictionary<string, SaleReceipt>(issued); } }

    public IReadOnlyList<string> Calls { get { lock (issued) return calls.ToList(); } }

    public int IssuedCount { get { lock (issued) return issued.Count; } }

    public Task<SaleReceipt> SubmitAsync(string saleId, Sale sale, string? registerId, CancellationToken cancellationToken)
    {
        lock (issued)
        {
            calls.Add(saleId);
            if (issued.TryGetValue(saleId, out var first)) return Task.FromResult(first with { Existing = true });
            if (Fail?.Invoke(saleId) is { } e) throw e;
            var totals = SaleCalculator.Compute(sale);
            var serial = issued.Count + 1L;
            var code = CashRegisterCode.Create(1, 26, "A1B2C", serial);
            var record = new AllocatedInvoice(serial, code, serial.ToString(System.Globalization.CultureInfo.InvariantCulture),
                registerId ?? "quay-1", "0101234567", "A1B2C", 1, "C26MYY", DateTimeOffset.UnixEpoch, SaleJson.Serialize(sale), saleId);
            var receipt = new SaleReceipt(saleId, new IssuedInvoice(null!, totals, record), false);
            issued[saleId] = receipt;
            return Task.FromResult(receipt);
        }
    }
}

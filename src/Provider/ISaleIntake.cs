using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider;

/// <summary>
/// Where sales enter the provider, whatever the connection mode (JSON API, sale files, an
/// intermediate database table): each sale is issued exactly once, keyed by its sale id.
/// </summary>
public interface ISaleIntake
{
    /// <summary>
    /// Issues the invoice of a sale. A second call with the same <paramref name="saleId"/> returns the
    /// invoice issued the first time (<see cref="SaleReceipt.Existing"/>) and issues nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The sale cannot be invoiced (bad amounts, rates …).</exception>
    Task<SaleReceipt> SubmitAsync(string saleId, Sale sale, string? registerId, CancellationToken cancellationToken);
}

/// <summary>The answer to a submitted sale: its invoice, and whether it had been issued before.</summary>
public sealed record SaleReceipt(string SaleId, IssuedInvoice Invoice, bool Existing);

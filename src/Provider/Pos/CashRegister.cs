using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// The reference cash register: turns a sale into an issued cash-register invoice with a code from
/// its block. The code is allocated and recorded with the sale before the invoice is handed out.
/// </summary>
public sealed class CashRegister
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private readonly RegisterConfig _config;
    private readonly CodeAllocator _allocator;
    private readonly TimeProvider _time;

    public CashRegister(RegisterConfig config, CodeAllocator allocator, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(allocator);
        if (!TaxCode.TryParse(config.SellerTaxCode, out _, out var mstError)) throw new ArgumentException(mstError, nameof(config));
        if (!CodeBlock.IsValid(config.Block)) throw new ArgumentException("block must be 5 upper-case letters A–Z or digits 0–9", nameof(config));
        if (config.Form is not (1 or 2)) throw new ArgumentException("form must be 1 or 2", nameof(config));
        if (!InvoiceSeries.TryParse($"C25M{config.SeriesSellerPart}", out _, out var seriesError))
            throw new ArgumentException(seriesError, nameof(config));
        _config = config;
        _allocator = allocator;
        _time = time ?? TimeProvider.System;
    }

    public RegisterConfig Config => _config;

    /// <summary>Issues one invoice for the sale; its code is durable once this returns.</summary>
    /// <exception cref="ArgumentException">The sale cannot be invoiced.</exception>
    public IssuedInvoice Issue(Sale sale) => Issue(sale, saleId: null);

    /// <summary>
    /// Issues the invoice of a sale the caller names: the same <paramref name="saleId"/> again returns
    /// the invoice issued the first time (<see cref="AllocatedInvoice.Existing"/>), whatever the sale says.
    /// </summary>
    public IssuedInvoice Issue(Sale sale, string? saleId)
    {
        var (request, totals) = Prepare(sale, saleId);
        return Issued(sale, totals, _allocator.Allocate(request));
    }

    /// <summary>
    /// <see cref="Issue(Sale, string?)"/> through the allocator's group commit: the sale is committed with the
    /// others waiting, and the task completes once its invoice is durable.
    /// </summary>
    /// <exception cref="ArgumentException">The sale cannot be invoiced (thrown before anything is queued).</exception>
    public async Task<IssuedInvoice> IssueAsync(Sale sale, string? saleId)
    {
        var (request, totals) = Prepare(sale, saleId);
        return Issued(sale, totals, await _allocator.AllocateAsync(request).ConfigureAwait(false));
    }

    private (AllocationRequest Request, SaleTotals Totals) Prepare(Sale sale, string? saleId)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var totals = SaleCalculator.Compute(sale, _config.Form);
        var now = _time.GetUtcNow().ToOffset(Vietnam);
        var series = $"C{now.Year % 100:D2}M{_config.SeriesSellerPart}";
        return (new AllocationRequest(
            _config.RegisterId, _config.SellerTaxCode, _config.Block, _config.Form, series, now, SaleJson.Serialize(sale), saleId), totals);
    }

    private IssuedInvoice Issued(Sale sale, SaleTotals totals, AllocatedInvoice record) =>
        record.Existing ? Rebuild(_config, record) : new IssuedInvoice(InvoiceBuilder.Build(_config, sale, totals, record), totals, record);

    /// <summary>Rebuilds an issued invoice from its record (for listing or re-sending).</summary>
    public static IssuedInvoice Rebuild(RegisterConfig config, AllocatedInvoice record)
    {
        var sale = SaleJson.Deserialize(record.SaleJson);
        var totals = SaleCalculator.Compute(sale, record.Form);
        return new IssuedInvoice(InvoiceBuilder.Build(config, sale, totals, record), totals, record);
    }
}

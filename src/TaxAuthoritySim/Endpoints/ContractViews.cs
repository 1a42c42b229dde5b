using System.Globalization;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Reconciliation;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Endpoints;

/// <summary>The simulator's state as the public contract's views (src/AuthorityContract).</summary>
public static class ContractViews
{
    public static ClockView Clock(SimulatedClock clock, SimulatorSettings s) => new(
        Vietnam(clock.GetUtcNow()), clock.Rate, clock.IsReal, s.ProcessingDelay.TotalSeconds, SimulatorSettings.NoticeDeadline.TotalSeconds);

    public static JournalView Journal(JournalEntry e) => new()
    {
        Seq = e.Seq, At = Vietnam(e.At), WallAt = e.WallAt.ToString("O", CultureInfo.InvariantCulture),
        Direction = e.Direction, Type = e.Type, MessageId = e.MessageId, ReplyTo = e.ReplyTo, Mst = e.TaxCode, Tvan = e.TvanCode,
        HttpStatus = e.HttpStatus, Outcome = e.Outcome, LatencySeconds = e.LatencySeconds, LatencyMs = e.LatencyMs,
    };

    public static ReconciliationResult Reconciliation(MonthlyReconciliation.Result r) => new(
        r.Month, r.InvoicesChecked, r.TaxpayersWithFindings,
        [.. r.Findings.Select(f => new ReconciliationFinding
        {
            Code = f.Code, Mst = f.TaxCode, InvoiceCode = f.InvoiceCode, Form = f.Form, Series = f.Series, Number = f.Number,
            IssuedOn = f.IssuedOn, Message = f.Message, MessageId = f.MessageId,
        })],
        [.. r.Notices.Select(n => new ReconciliationNotice(n.MessageId, n.TaxCode, n.TvanCode, n.ReplyTo, n.Invoices))]);

    public static InvoiceView Invoice(StoredInvoice i, string? xml) => new(
        i.TaxCode, i.Code, i.Form, i.Series, i.Number, i.IssuedOn, i.SellerName, i.BuyerName, i.BuyerTaxCode,
        i.TotalBeforeTax, i.TotalTax, i.Total, i.Currency,
        VietnamTime.Local(i.StoredAt).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "+07:00",
        i.MessageId, xml);

    /// <summary>Vietnam time with milliseconds: 2025-06-15T09:00:00.000+07:00.</summary>
    private static string Vietnam(DateTimeOffset t) =>
        t.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}

/// <summary>Endpoint metadata: the route needs this key header (OpenAPI security requirement; see <see cref="OpenApiContract"/>).</summary>
/// <param name="Optional">The route also answers without it (the invoice look-up, with a total).</param>
public sealed record RequiresKey(string Header, bool Optional = false);

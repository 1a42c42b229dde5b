using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Checks;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Faults;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Intake;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>
/// Runs the data check of a recorded 206 and writes its outcome atomically: the invoices (valid
/// package only), the signed 204 and the journal line. Code uniqueness (7005) is settled by the
/// store, so two packages racing with one code store exactly one.
/// </summary>
public sealed class MessageProcessor(
    ISimulatorStore store,
    RegistryService registry,
    ResponseFactory responses,
    SenderClock clock,
    FaultEngine faults,
    RegistrationProcessor registrations,
    ErroneousNoticeProcessor erroneousNotices,
    Diagnostics.StageTimings timings,
    ILogger<MessageProcessor> log)
{
    public Task ProcessAsync(InboundMessage message, CancellationToken ct) => message.Type switch
    {
        "206" => PackageAsync(message, ct),
        "303" => erroneousNotices.ProcessAsync(message, ct),
        "100" => registrations.ProcessAsync(message, ct),
        _ => store.CompleteAsync(new Completion
        {
            MessageId = message.MessageId, ProcessedAt = clock.Now(message.TvanCode), Outcome = "not processed: type " + message.Type,
        }, clock.Now(message.TvanCode), ct),
    };

    private async Task PackageAsync(InboundMessage m, CancellationToken ct)
    {
        var reg = registry.Current;
        var tvan = reg.Tvans.GetValueOrDefault(m.TvanCode);
        var taxpayer = reg.Taxpayer(m.TaxCode);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Decision 1391 step 1 (Checks/): the package is read once; the checks and the store use that one read.
        var package = PackageUnderCheck.Of(m.Body, m.TaxCode, reg, tvan, m.ReceivedAt, m.Package);
        package.Related = await RelatedAsync(package, ct);
        var failures = Step1.Run(package);
        timings.Record("check", started);
        var codes = package.Read.InvoiceCodes;

        var present = codes.Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).Distinct().ToList();
        started = System.Diagnostics.Stopwatch.GetTimestamp();
        var already = present.Count == 0 ? (IReadOnlySet<string>)new HashSet<string>() : await store.StoredCodesAsync(present, ct);
        timings.Record("stored-codes", started);
        failures.AddRange(CodeCheck.AlreadyStored(codes, already));

        var invoices = failures.Count == 0 ? Invoices(m, package.Read.Invoices, taxpayer) : [];
        var fired = faults.OnNotice(new FaultContext("/api/v1/messages", m.Type, m.TaxCode, m.TvanCode));

        for (var attempt = 1; ; attempt++)
        {
            var now = clock.Now(m.TvanCode); // the sender's time: a certification session's own clock
            // Decision 1391: the notice comes within 15 minutes of receipt, even if the clock jumped meanwhile.
            var at = Min(now, m.ReceivedAt + SimulatorSettings.NoticeDeadline);
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            var errors = FailureList.ToErrors(failures);
            var (noticeId, notice) = responses.DataCheck(new ResponseFactory.DataCheckInput(
                m.MessageId, m.Sender, m.TaxCode ?? "", taxpayer?.Name ?? m.TaxCode ?? "", reg.Authority.Place,
                $"{m.Seq:D9}/TB-KTDL", at, m.Count, errors));
            var outcome = errors.Count == 0
                ? $"204 LTBao 2: {invoices.Count} invoices stored"
                : "204 LTBao 7: " + string.Join(", ", errors.Select(e => e.Code).Distinct());
            timings.Record("notice", started);
            // The 204 is mailed to the taxpayer, and to buyers of stored replacements and adjustments (Delivery/BuyerMailer).
            var email = !string.IsNullOrEmpty(taxpayer?.Email) || invoices.Any(i => i.RelationKind is 1 or 2);
            var (outs, faultNote) = NoticeDeliveries.Plan("204", noticeId, notice, m, at, tvan, outcome, fired, email);
            var wallMs = (DateTimeOffset.UtcNow - m.ReceivedWallAt).TotalMilliseconds;
            var journal = new JournalEntry
            {
                At = at, WallAt = DateTimeOffset.UtcNow, Direction = "out", Type = "204", MessageId = noticeId,
                ReplyTo = m.MessageId, TaxCode = m.TaxCode, TvanCode = m.TvanCode, Outcome = outcome + faultNote,
                LatencySeconds = (at - m.ReceivedAt).TotalSeconds, LatencyMs = wallMs,
            };
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await store.CompleteAsync(new Completion
            {
                MessageId = m.MessageId, ProcessedAt = at, Outcome = outcome + faultNote,
                Invoices = invoices.Count == 0 ? invoices : [.. invoices.Select(i => i with { StoredAt = at })], Responses = outs, Journal = [journal],
            }, now, ct);
            timings.Record("complete", started);
            if (result.Stored) return;
            if (attempt >= 3) throw new InvalidOperationException($"could not complete {m.MessageId}: codes keep conflicting");
            // Another package stored some of these codes first: this one now fails with 7005.
            log.LogInformation("{MessageId}: {Count} codes were stored by a concurrent package", m.MessageId, result.Conflicts.Count);
            failures.AddRange(CodeCheck.AlreadyStored(codes, result.Conflicts));
            invoices = [];
        }
    }

    /// <summary>The stored state of each invoice a replacement or adjustment of the package names (the chain rules of Step 1).</summary>
    private async Task<Dictionary<int, Corrections.InvoiceState>> RelatedAsync(PackageUnderCheck package, CancellationToken ct)
    {
        var related = new Dictionary<int, Corrections.InvoiceState>();
        if (package.TaxCode is not { } taxCode) return related;
        foreach (var i in package.Read.Invoices)
            if (i.RelationKind is 1 or 2 && i.RelatedNumber is { } number
                && await Corrections.InvoiceChains.FindAsync(store, taxCode, i.RelatedForm, i.RelatedSeries, number, ct) is { } state)
                related[i.Index] = state;
        return related;
    }

    /// <summary>The register's rows for a valid package, from the check's own read of it (empty elements are already absent).</summary>
    private static List<StoredInvoice> Invoices(InboundMessage m, IReadOnlyList<InvoiceSummary> read, Taxpayer? taxpayer) =>
    [
        .. read.Select(inv => new StoredInvoice
        {
            TaxCode = m.TaxCode!,
            Code = inv.Code!,
            MessageId = m.MessageId,
            Index = inv.Index,
            Form = int.TryParse(inv.FormNumber, out var form) ? form : null,
            Series = inv.Series,
            Number = inv.Number,
            IssuedOn = inv.IssueDate,
            SellerName = inv.SellerName ?? taxpayer?.Name,
            BuyerName = inv.BuyerName,
            BuyerTaxCode = inv.BuyerTaxCode,
            TotalBeforeTax = inv.TotalBeforeTax,
            TotalTax = inv.TotalTax,
            Total = inv.TotalPayable,
            Currency = inv.Currency ?? "VND",
            StoredAt = m.ReceivedAt,
            RelationKind = inv.RelationKind,
            RelatedForm = inv.RelatedForm,
            RelatedSeries = inv.RelatedSeries,
            RelatedNumber = inv.RelatedNumber,
            RelatedIssuedOn = inv.RelatedIssuedOn,
        }),
    ];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

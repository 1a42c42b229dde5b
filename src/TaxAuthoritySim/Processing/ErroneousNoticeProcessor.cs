using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.TaxAuthoritySim.Checks;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Corrections;
using ConformanceKit.TaxAuthoritySim.Faults;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>
/// A 303 (Form 04/SS-HĐĐT for cash-register invoices: cancel, adjust, replace, explain), taken from the same queue
/// as the 206s: a signed 301 (Form 01/TB-HĐSS) within the same 15 minutes, one result per invoice, written together
/// with the accepted entries (an accepted cancel makes the invoice cancelled) and the journal line.
/// </summary>
public sealed class ErroneousNoticeProcessor(
    ISimulatorStore store,
    RegistryService registry,
    ResponseFactory responses,
    SenderClock clock,
    FaultEngine faults,
    ILogger<ErroneousNoticeProcessor> log)
{
    public async Task ProcessAsync(InboundMessage m, CancellationToken ct)
    {
        var reg = registry.Current;
        var tvan = reg.Tvans.GetValueOrDefault(m.TvanCode);
        var taxpayer = reg.Taxpayer(m.TaxCode);
        var now = clock.Now(m.TvanCode);
        var at = now < m.ReceivedAt + SimulatorSettings.NoticeDeadline ? now : m.ReceivedAt + SimulatorSettings.NoticeDeadline;

        ErroneousInvoiceNotice notice;
        try
        {
            notice = MessageReader.Read<ErroneousInvoiceNotice>(m.Body);
        }
        catch (Exception ex) when (ex is MessageFormatException or System.Xml.XmlException)
        {
            // Nothing to answer invoice by invoice: the 999 took the envelope, the body cannot be read.
            log.LogInformation("303 {MessageId} cannot be read: {Error}", m.MessageId, ex.Message);
            await store.CompleteAsync(new Completion
            {
                MessageId = m.MessageId, ProcessedAt = at, Outcome = "303 not answered: unreadable (" + ErrorCatalog.Fit(ex.Message, 120) + ")",
            }, now, ct);
            return;
        }

        var check = PackageUnderCheck.Of(m.Body, m.TaxCode, reg, tvan, m.ReceivedAt);
        var findings = NoticeFindings.Of(check, notice.TaxCode);
        var judge = new NoticeJudge(store, m.TaxCode ?? "", m.MessageId, at);
        var results = new List<ErroneousInvoiceResult>();
        for (var k = 0; k < notice.Invoices.Count; k++)
        {
            var failures = findings.Whole.Concat(findings.ByInvoice.GetValueOrDefault(k + 1) ?? []).ToList();
            results.Add(await judge.JudgeAsync(notice.Invoices[k], k + 1, failures, ct));
        }

        var refused = results.Where(r => r.Accepted != 1).ToList();
        var outcome = $"301: {results.Count - refused.Count} accepted, {refused.Count} not accepted"
            + (refused.Count == 0 ? "" : " (" + string.Join(", ", refused.SelectMany(r => r.Reasons ?? []).Select(r => r.Code).Distinct()) + ")");
        if (results.Count == 0)
        {
            await store.CompleteAsync(new Completion { MessageId = m.MessageId, ProcessedAt = at, Outcome = "303 not answered: no invoice listed" }, now, ct);
            return;
        }

        var (replyId, reply) = responses.ErroneousReply(new ResponseFactory.ErroneousReplyInput(
            m.MessageId, m.Sender, m.TaxCode ?? "", taxpayer?.Name ?? notice.TaxpayerName ?? m.TaxCode ?? "", reg.Authority.Place,
            $"{m.Seq:D9}/TB-HĐSS", at, results));
        var fired = faults.OnNotice(new FaultContext("/api/v1/messages", m.Type, m.TaxCode, m.TvanCode));
        var (outs, faultNote) = NoticeDeliveries.Plan("301", replyId, reply, m, at, tvan, outcome, fired, email: false);
        var journal = new JournalEntry
        {
            At = at, WallAt = DateTimeOffset.UtcNow, Direction = "out", Type = "301", MessageId = replyId, ReplyTo = m.MessageId,
            TaxCode = m.TaxCode, TvanCode = m.TvanCode, Outcome = outcome + faultNote,
            LatencySeconds = (at - m.ReceivedAt).TotalSeconds, LatencyMs = (DateTimeOffset.UtcNow - m.ReceivedWallAt).TotalMilliseconds,
        };
        await store.CompleteAsync(new Completion
        {
            MessageId = m.MessageId, ProcessedAt = at, Outcome = outcome + faultNote, Notices = judge.Accepted, Responses = outs,
            Journal = [journal],
        }, now, ct);
    }
}

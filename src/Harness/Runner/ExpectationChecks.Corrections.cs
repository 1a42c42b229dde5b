using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Harness.Runner;

/// <summary>Corrections: the 301 answering a seller's 303, and the monthly Step 2's findings (and their 302s).</summary>
public sealed partial class ExpectationChecks
{
    private const double ReplyWaitSeconds = 20;

    /// <summary>The 301 (Form 01/TB-HĐSS): signed by the authority, one verdict per invoice of the 303, TTTNCCQT and MLoi as expected.</summary>
    private async Task ReplyAsync(IReadOnlyList<ReplyExpectation> expected, SentMessage m, CancellationToken ct)
    {
        var replies = await WaitForAsync(m, "301", TimeSpan.FromSeconds(ReplyWaitSeconds), ct);
        LogResponses(m, replies.Count, "301");
        if (replies.Count == 0)
        {
            log.Fail($"no 301 (Form 01/TB-HĐSS) within {ReplyWaitSeconds:0} s", messageId: m.MessageId);
            return;
        }
        var (bytes, message) = replies[0];
        if (message is not ErroneousInvoiceReply reply)
        {
            log.Fail($"the 301 is not a Form 01/TB-HĐSS this kit reads ({message.GetType().Name})", messageId: m.MessageId);
            return;
        }
        if (reply.Invoices.Count != expected.Count)
            log.Fail($"the 301 has {reply.Invoices.Count} invoice verdicts; the 303 listed {expected.Count}", messageId: m.MessageId);
        for (var i = 0; i < Math.Min(expected.Count, reply.Invoices.Count); i++)
        {
            var verdict = reply.Invoices.FirstOrDefault(v => v.Index == i + 1) ?? reply.Invoices[i];
            var invoice = i < m.InvoiceCodes.Count ? m.InvoiceCodes[i] : verdict.Code;
            var want = expected[i];
            var reasons = verdict.Reasons ?? [];
            if ((verdict.Accepted == 1) != want.Accepted)
                log.Fail($"the 301 {(verdict.Accepted == 1 ? "accepts" : $"does not accept (TTTNCCQT {verdict.Accepted})")} invoice {i + 1}; expected "
                    + (want.Accepted ? "TTTNCCQT 1 (accepted)" : "TTTNCCQT 2 (not accepted)")
                    + (reasons.Count > 0 ? $" (reasons: {Describe(reasons)})" : ""), messageId: m.MessageId, invoice: invoice);
            if (verdict.Code != invoice)
                log.Fail($"the 301's invoice {i + 1} is {verdict.Code}; the 303 listed {invoice}", messageId: m.MessageId, invoice: invoice);
            CompareCodes($"301 invoice {i + 1}", want.Codes, reasons.Select(r => r.Code ?? "?").ToHashSet(), m.MessageId,
                code => reasons.First(r => r.Code == code).Description);
        }
        VerifySignature(bytes, m, "301");
    }

    /// <summary>
    /// The Step 2 findings on every invoice the case's packages carried are exactly the expected ones (none when
    /// the list is empty), and each flagged invoice is in a signed 302 with the same codes.
    /// </summary>
    public async Task FindingsAsync(IReadOnlyList<FindingExpectation> expected, ReconciliationResult result, CancellationToken ct)
    {
        var ours = sent.Values.Where(s => s.Built is not null).SelectMany(s => s.InvoiceCodes).ToHashSet(StringComparer.Ordinal);
        var want = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var f in expected)
        {
            var codes = sent[f.Of].InvoiceCodes;
            if (f.Invoice < 1 || f.Invoice > codes.Count) throw new MutationException($"'{f.Of}' has no invoice {f.Invoice}");
            want[codes[f.Invoice - 1]] = [.. f.Codes];
        }
        var got = result.Findings.Where(f => ours.Contains(f.InvoiceCode))
            .GroupBy(f => f.InvoiceCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        log.Note($"Step 2 {result.Month}: {result.InvoicesChecked} invoices checked, {got.Sum(g => g.Value.Count)} finding(s) on this case's invoices", null);
        foreach (var code in ours)
        {
            var expectedCodes = want.GetValueOrDefault(code) ?? [];
            var found = got.GetValueOrDefault(code) ?? [];
            CompareCodes($"Step 2 on {code}", [.. expectedCodes], found.Select(f => f.Code).ToHashSet(), found.FirstOrDefault()?.MessageId,
                c => found.First(f => f.Code == c).Message);
        }
        foreach (var (code, codes) in got)
            await ReviewNoticeAsync(code, codes.Select(f => f.Code).ToHashSet(StringComparer.Ordinal), result, ct);
    }

    /// <summary>The 302 (Form 01/TB-RSĐT) carrying an invoice's findings: sent, signed by the authority, with the same codes.</summary>
    private async Task ReviewNoticeAsync(string invoice, IReadOnlySet<string> codes, ReconciliationResult result, CancellationToken ct)
    {
        if (result.Notices.FirstOrDefault(n => n.Invoices.Contains(invoice)) is not { } sentNotice)
        {
            log.Fail($"Step 2 flagged {invoice} ({string.Join(", ", codes)}) but sent no 302 naming it", invoice: invoice);
            return;
        }
        var found = (await target.AdminResponsesAsync(sentNotice.ReplyTo, log, ct))
            .Select(b => (Bytes: b, Message: ReadOrNull(b))).FirstOrDefault(x => x.Message is ReviewNotice r && r.Header.MessageId == sentNotice.MessageId);
        if (found.Message is not ReviewNotice review)
        {
            log.Fail($"the 302 {sentNotice.MessageId} is not among the responses to {sentNotice.ReplyTo}", messageId: sentNotice.ReplyTo, invoice: invoice);
            return;
        }
        var bytes = found.Bytes;
        var entry = review.Invoices.FirstOrDefault(i => i.Code == invoice);
        if (entry is null) log.Fail($"the 302 {sentNotice.MessageId} does not list {invoice}", messageId: sentNotice.ReplyTo, invoice: invoice);
        else
        {
            var inNotice = (entry.Reasons ?? []).Select(r => r.Code ?? "?").ToHashSet();
            if (!inNotice.SetEquals(codes))
                log.Fail($"the 302 gives {invoice} the codes {Codes(inNotice)}; Step 2 reported {Codes(codes)}", messageId: sentNotice.ReplyTo, invoice: invoice);
        }
        var signed = new SentMessage { Body = [], MessageId = sentNotice.ReplyTo, ApiKey = "", TvanCode = sentNotice.Tvan };
        VerifySignature(bytes, signed, "302");
    }

    /// <summary>A response as a message, or null when it is not one the Einvoice library reads (reported as missing).</summary>
    private static Message? ReadOrNull(byte[] bytes)
    {
        try { return MessageReader.Read(bytes); }
        catch (Exception ex) when (ex is MessageFormatException or System.Xml.XmlException or InvalidOperationException or FormatException) { return null; }
    }
}

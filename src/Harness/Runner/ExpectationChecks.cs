using System.Text.RegularExpressions;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Harness.Runner;

/// <summary>Compares what the target answered with a step's expectation; each difference becomes an exact finding.</summary>
public sealed partial class ExpectationChecks(TargetClient target, SessionContext session, CaseLog log, IReadOnlyDictionary<string, SentMessage> sent)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private const int NoticeDeadlineSeconds = 900;

    public async Task CheckAsync(Expectation e, SentMessage m, bool resent, CancellationToken ct)
    {
        CheckAnswer(e, m);
        if (m.MessageId is null && (e.Notice is not null || e.Stored is not null || e.Registration is not null || e.Callback is not null || e.Reply is not null))
        {
            log.Fail("the message has no MTDiep to follow");
            return;
        }
        if (e.NoNoticeWithinSeconds is { } quiet) await NoNoticeAsync(m, quiet, ct);
        if (e.Notice is { } notice) await NoticeAsync(notice, m, resent, ct);
        if (e.Stored is { } stored) await StoredAsync(stored, m, ct);
        if (e.Registration is { } registration) await RegistrationAsync(registration, m, ct);
        if (e.Callback is { } types) await CallbackAsync(types, m, ct);
        if (e.Reply is { } reply) await ReplyAsync(reply, m, ct);
    }

    private void CheckAnswer(Expectation e, SentMessage m)
    {
        var answer = m.Answer;
        if (answer is null) return;
        if (e.Http is { } http && answer.Status != http)
            log.Fail(answer.Status is null ? $"no HTTP answer ({answer.Error}); expected HTTP {http}" : $"HTTP {answer.Status}; expected {http}", messageId: m.MessageId);
        if (e.Ack is null && e.AckCodes is null && e.SameAckAs is null) return;
        TechnicalAck? ack = null;
        try { ack = MessageReader.Read<TechnicalAck>(answer.Body); }
        catch (Exception ex) when (ex is InvalidOperationException or System.Xml.XmlException or FormatException)
        {
            log.Fail($"the answer is not a 999 TDiep: {ex.Message}", messageId: m.MessageId);
        }
        if (ack is null) return;
        var codes = (ack.Reasons ?? []).Select(r => r.Code ?? "?").ToHashSet();
        if (e.Ack is { } status && ack.Status != status)
            log.Fail($"999 TTTNhan {ack.Status}; expected {status}" + (codes.Count > 0 ? $" (reasons: {Describe(ack.Reasons!)})" : ""), messageId: m.MessageId);
        if (e.AckCodes is { } expected) CompareCodes("999", expected, codes, m.MessageId, code => ack.Reasons!.First(r => r.Code == code).Description);
        if (e.SameAckAs is { } alias && !sent[alias].Answer!.Body.AsSpan().SequenceEqual(answer.Body))
            log.Fail($"the 999 differs from the one answering '{alias}': a resend of the same bytes must replay the first answer", code: "1008", messageId: m.MessageId);
    }

    private async Task NoticeAsync(NoticeExpectation e, SentMessage m, bool resent, CancellationToken ct)
    {
        var notices = await WaitForAsync(m, "204", TimeSpan.FromSeconds(e.WaitSeconds), ct);
        if (notices.Count == 0)
        {
            log.Fail($"no 204 (Form 01/TB-KTDL) within {e.WaitSeconds:0.#} s", messageId: m.MessageId);
            return;
        }
        if (resent || e.Count != 1)
        {
            await Task.Delay(Settle, ct); // a duplicate would come right behind the first
            notices = await ResponsesOfTypeAsync(m, "204", ct);
        }
        LogResponses(m, notices.Count, "204");
        if (notices.Count != e.Count) log.Fail($"{notices.Count} 204s; expected exactly {e.Count}", messageId: m.MessageId);
        var (bytes, notice) = notices[0];
        var n = (DataCheckNotice)notice;
        if (n.Kind != e.Ltbao) log.Fail($"204 LTBao {n.Kind}; expected {e.Ltbao}" + ErrorsText(n), messageId: m.MessageId);
        var codes = (n.Errors ?? []).Select(x => x.Code ?? "?").ToHashSet();
        CompareCodes("204", e.Codes, codes, m.MessageId, code => (n.Errors ?? []).First(x => x.Code == code) is var x ? $"{x.Text} ({x.Note})" : null);
        if (e.Located)
            foreach (var error in (n.Errors ?? []).Where(x => !LineColumn().IsMatch(x.Note ?? "")))
                log.Fail($"error {error.Code} does not say where: GChu '{error.Note}' has no 'dòng line:column'", code: error.Code, messageId: m.MessageId);
        await DeadlineAsync(e, m, n, ct);
        VerifySignature(bytes, m);
    }

    private async Task DeadlineAsync(NoticeExpectation e, SentMessage m, DataCheckNotice n, CancellationToken ct)
    {
        var receivedAt = await ReceiptTimeAsync(m, ct);
        if (receivedAt is null || n.SentAt is null)
        {
            log.Fail("cannot tell the 204's delay: the 999 has no NNhan or the 204 no TGGui", messageId: m.MessageId);
            return;
        }
        var seconds = (n.SentAt.Value - receivedAt.Value).TotalSeconds;
        var bound = e.WithinSeconds ?? NoticeDeadlineSeconds;
        if (!e.Late && seconds > bound)
            log.Fail($"the 204 was sent {seconds:0} s after receipt (TGGui {n.SentAt:s}, NNhan {receivedAt:s}); at most {bound} s allowed", messageId: m.MessageId);
        if (seconds < 0) log.Fail($"the 204's TGGui {n.SentAt:s} is before the receipt {receivedAt:s}", messageId: m.MessageId);
    }

    private async Task<DateTime?> ReceiptTimeAsync(SentMessage m, CancellationToken ct)
    {
        if (m.Answer is { Body.Length: > 0 } answer)
            try { if (MessageReader.Read<TechnicalAck>(answer.Body).ReceivedAt is { } at) return at; }
            catch (Exception ex) when (ex is InvalidOperationException or System.Xml.XmlException or FormatException) { }
        return (await ResponsesOfTypeAsync(m, "999", ct)).Select(r => ((TechnicalAck)r.Message).ReceivedAt).FirstOrDefault();
    }

    private void VerifySignature(byte[] bytes, SentMessage m, string type = "204")
    {
        var check = XmlSignatureVerifier.VerifyNotice(SafeXml.LoadDocument(bytes));
        if (!check.IsValid)
            log.Fail($"the {type}'s signature does not verify ({check.Status}: {string.Join("; ", check.Problems)})", messageId: m.MessageId);
        else if (session.AuthorityCertificate is { } authority && check.Certificate?.Thumbprint != authority.Thumbprint)
            log.Fail($"the {type} is signed by {check.SubjectName}, not by the authority's certificate (/api/v1/certificate)", messageId: m.MessageId);
    }

    private async Task NoNoticeAsync(SentMessage m, double seconds, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        do
        {
            var notices = await ResponsesOfTypeAsync(m, "204", ct);
            if (notices.Count > 0)
            {
                log.Fail($"a 204 came ({Summary((DataCheckNotice)notices[0].Message)}), but none was expected yet", messageId: m.MessageId);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        } while (DateTime.UtcNow < until);
        log.Note($"no 204 within {seconds:0.#} s, as expected", m.MessageId);
    }

    private async Task StoredAsync(bool stored, SentMessage m, CancellationToken ct)
    {
        foreach (var code in m.InvoiceCodes.Distinct())
        {
            var (status, by) = await target.LookUpAsync(m.TaxCode!, code, log, ct);
            if (stored && status != 200) log.Fail($"invoice {code} cannot be looked up (HTTP {status}); a valid package's invoices are stored", messageId: m.MessageId, invoice: code);
            if (!stored && status != 404)
                log.Fail(by == m.MessageId ? $"invoice {code} was stored from a package that failed the check" : $"invoice {code} answered HTTP {status}; expected 404 (not stored)",
                    messageId: m.MessageId, invoice: code);
        }
    }

    private async Task RegistrationAsync(RegistrationExpectation e, SentMessage m, CancellationToken ct)
    {
        if (e.Receipt is { } receipt)
        {
            var found = await WaitForAsync(m, "102", TimeSpan.FromSeconds(20), ct);
            if (found.Count == 0) log.Fail("no 102 (Form 01/TB-TNĐT) within 20 s", messageId: m.MessageId);
            else if (((RegistrationReceipt)found[0].Message) is var r && r.Case != receipt)
                log.Fail($"102 THop {r.Case}; expected {receipt}" + (r.Reasons is { Count: > 0 } ? $" ({Describe(r.Reasons)})" : ""), messageId: m.MessageId);
        }
        if (e.Accepted is not { } accepted) return;
        var decisions = await WaitForAsync(m, "103", TimeSpan.FromSeconds(20), ct);
        LogResponses(m, decisions.Count, "102/103");
        if (decisions.Count == 0) { log.Fail("no 103 (Form 01/TB-ĐKĐT) within 20 s", messageId: m.MessageId); return; }
        var d = (RegistrationDecision)decisions[0].Message;
        if ((d.Accepted == 1) != accepted)
            log.Fail($"103 {(d.Accepted == 1 ? "accepts" : "does not accept")} the registration; expected {(accepted ? "acceptance" : "refusal")}"
                + (d.Reasons is { Count: > 0 } ? $" ({Describe(d.Reasons)})" : ""), messageId: m.MessageId);
        if (e.KeepBlockAs is { } alias)
        {
            if (d.CodeBlocks is { Count: > 0 } blocks) session.IssuedBlocks[alias] = blocks[^1];
            else log.Fail("the accepting 103 names no code block (C5–C9)", messageId: m.MessageId);
        }
    }

    private async Task CallbackAsync(IReadOnlyList<string> types, SentMessage m, CancellationToken ct)
    {
        var receiver = session.Callbacks ?? throw new TargetException("no callback receiver is running");
        var until = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<CallbackReceiver.Received> got;
        while (true)
        {
            got = receiver.For(m.TvanCode, m.MessageId!);
            if (types.All(t => got.Any(r => r.Type == t && r.Answered == 200)) || DateTime.UtcNow > until) break;
            await Task.Delay(Poll * 5, ct);
        }
        foreach (var missing in types.Where(t => !got.Any(r => r.Type == t && r.Answered == 200)))
            log.Fail($"the callback receiver did not get the {missing} (got: {(got.Count == 0 ? "nothing" : string.Join(", ", got.Select(r => $"{r.Type}→{r.Answered}")))})", messageId: m.MessageId);
        if (got.Count > 0) log.Note($"callbacks received: {string.Join(", ", got.Select(r => $"{r.Type}→HTTP {r.Answered}"))}", m.MessageId);
    }

    private async Task<IReadOnlyList<(byte[] Bytes, Message Message)>> WaitForAsync(SentMessage m, string type, TimeSpan wait, CancellationToken ct)
    {
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            var found = await ResponsesOfTypeAsync(m, type, ct);
            if (found.Count > 0 || DateTime.UtcNow > until) return found;
            await Task.Delay(Poll, ct);
        }
    }

    private async Task<IReadOnlyList<(byte[] Bytes, Message Message)>> ResponsesOfTypeAsync(SentMessage m, string type, CancellationToken ct)
    {
        var (status, raw, messages) = await target.ResponsesAsync(m.MessageId!, m.ApiKey, ct);
        if (status != 200 && status != 404) throw new TargetException($"GET responses of {m.MessageId} answered {status}");
        _lastResponses = raw;
        return [.. messages.Select(b => (b, MessageReader.Read(b))).Where(x => x.Item2.TypeCode == type)];
    }

    private byte[]? _lastResponses;

    /// <summary>Polls are not logged one by one; the last answer is, once.</summary>
    private void LogResponses(SentMessage m, int count, string type) =>
        log.Record("GET", $"api/v1/messages/{m.MessageId}/responses", 200, null, _lastResponses, DateTimeOffset.Now, System.Diagnostics.Stopwatch.GetTimestamp(), $"{count} × {type}");

    private void CompareCodes(string where, IReadOnlyList<string> expected, IReadOnlySet<string> actual, string? messageId, Func<string, string?> detail)
    {
        foreach (var missing in expected.Where(c => !actual.Contains(c)))
            log.Fail($"{where} lacks code {missing} (codes: {Codes(actual)}; expected exactly {Codes(expected)})", code: missing, messageId: messageId);
        foreach (var extra in actual.Where(c => !expected.Contains(c)))
            log.Fail($"{where} has unexpected code {extra}: {detail(extra)} (expected exactly {Codes(expected)})", code: extra, messageId: messageId);
    }

    private static string Codes(IEnumerable<string> codes) => codes.Any() ? "{" + string.Join(", ", codes.Order(StringComparer.Ordinal)) + "}" : "none";
    private static string Describe(IEnumerable<Reason> reasons) => string.Join("; ", reasons.Select(r => $"{r.Code} {r.Description}"));
    private static string ErrorsText(DataCheckNotice n) => n.Errors is { Count: > 0 } e ? " (" + string.Join("; ", e.Select(x => $"{x.Code} {x.Text}")) + ")" : "";
    private static string Summary(DataCheckNotice n) => $"LTBao {n.Kind}" + ErrorsText(n);

    [GeneratedRegex(@"dòng \d+:\d+")]
    private static partial Regex LineColumn();

}

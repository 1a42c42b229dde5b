using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.Provider;

/// <summary>The steps of the loop, each reading its work from the store and recording its result.</summary>
public sealed partial class ProviderEngine
{
    private const string CursorKey = "inbox-cursor";

    private async Task PackageAsync(bool flush, CancellationToken ct)
    {
        var mst = _options.Register.SellerTaxCode;
        while (true)
        {
            var (count, oldest) = _store.Pending(mst);
            if (count == 0) return;
            var now = _time.GetUtcNow();
            var take = _options.Sync switch
            {
                _ when flush => _options.BatchSize,
                SyncMode.Realtime => 1,
                SyncMode.Periodic when count >= _options.BatchSize => _options.BatchSize,
                SyncMode.Periodic when oldest is { } o && o + _options.BatchInterval <= now => _options.BatchSize,
                _ => 0,
            };
            if (take == 0) return;
            var composed = PackageComposer.ComposeEach(_options.Register, _options.TvanCode, _store.TakePending(mst, take));
            foreach (var (record, reason) in composed.SetAside) SetAside(record.Code.Value, reason);
            if (composed.Bytes is null) continue; // every one set aside: they no longer wait
            var (messageId, unsigned, invoices) = (composed.MessageId!, composed.Bytes, composed.Invoices);
            while (unsigned.Length > PackageComposer.MaxBytes && invoices.Count > 1)
            {
                invoices = [.. invoices.Take(invoices.Count / 2)];
                (messageId, unsigned) = PackageComposer.Compose(_options.Register, _options.TvanCode, invoices);
            }
            if (unsigned.Length > PackageComposer.MaxBytes)
            {
                SetAside(invoices[0].Code.Value, $"the invoice alone is {unsigned.Length} bytes, more than a package may carry ({PackageComposer.MaxBytes})");
                continue;
            }
            var (signed, problem) = await TrySignAsync(unsigned, ct);
            var package = _store.CreatePackage(messageId, mst, unsigned, signed, [.. invoices.Select(i => i.Code.Value)], _time.GetUtcNow());
            _log.LogInformation("package {MessageId}: {Count} invoice(s), {State}", messageId, invoices.Count, package.State);
            if (problem is not null) _store.Postpone(package.Id, problem, _time.GetUtcNow() + Backoff(0));
        }
    }

    // Rejected (its own data; a person must act), visible in the API and the status; the others go on.
    private void SetAside(string code, string reason)
    {
        _store.SetAside(code, PackageComposer.Unsendable, "cannot be packaged: " + reason, _time.GetUtcNow());
        Problem(ProblemSource.Invoice, $"invoice {code} cannot be packaged and was set aside (rejected): {reason}");
        _log.LogError("invoice {Code} cannot be packaged and was set aside: {Reason}", code, reason);
    }

    private async Task<(byte[]? Signed, string? Problem)> TrySignAsync(byte[] unsigned, CancellationToken ct)
    {
        try
        {
            var signingTime = _time.GetUtcNow().ToOffset(Vietnam).DateTime;
            var signed = await _signer.SignAsync(unsigned, signingTime, ct);
            Resolved(ProblemSource.Signing);
            return (signed, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Problem(ProblemSource.Signing, $"signing ({_signer.Mode}): {e.Message}");
            _log.LogWarning("signing failed ({Mode}): {Message}", _signer.Mode, e.Message);
            return (null, LastProblem);
        }
    }

    private async Task SignWaitingAsync(CancellationToken ct)
    {
        if (_signer.Mode == "token") return; // a person signs these with `ck sign`
        foreach (var p in _store.Packages(PackageState.ToSign, 100))
        {
            if (p.NextAttemptAt is { } at && at > _time.GetUtcNow()) continue;
            var (signed, problem) = await TrySignAsync(p.Unsigned, ct);
            if (signed is not null) _store.SetSigned(p.Id, signed);
            else
            {
                _store.Postpone(p.Id, problem ?? "the signer gave no signature", _time.GetUtcNow() + Backoff(p.Attempts + 1));
                return;
            }
        }
    }

    private async Task SendReadyAsync(CancellationToken ct)
    {
        if (_time.GetUtcNow() < _authorityRetryAt) return;
        foreach (var p in _store.Packages(PackageState.Ready, 200))
        {
            if (p.NextAttemptAt is { } at && at > _time.GetUtcNow()) continue;
            var outcome = await _authority.SendAsync(p.Signed!, ct);
            var now = _time.GetUtcNow();
            switch (outcome.Result)
            {
                case SendResult.Acknowledged:
                    _store.Acknowledged(p.Id, now, outcome.ReceivedAt);
                    Resolved(ProblemSource.Send, ProblemSource.Inbox);
                    break;
                case SendResult.Refused or SendResult.Fatal:
                    Resolved(ProblemSource.Send, ProblemSource.Inbox); // the authority answered: it can be reached
                    _log.LogWarning("package {MessageId} refused: {Detail}", p.MessageId, outcome.Detail);
                    if (p.Kind == "303") _store.RejectNotice(p.Id, outcome.Codes, outcome.Detail, now);
                    else _store.Reject(p.Id, outcome.Codes, outcome.Detail, InvoiceState.Held, now);
                    break;
                default:
                    Problem(ProblemSource.Send, $"sending {p.MessageId}: {outcome.Detail}");
                    _log.LogWarning("package {MessageId}: {Detail}; retrying", p.MessageId, outcome.Detail);
                    var next = now + Backoff(p.Attempts + 1);
                    _store.Postpone(p.Id, outcome.Detail, next);
                    _authorityRetryAt = next; // the others would fail the same way: wait together
                    return;
            }
        }
    }

    private async Task ReadInboxAsync(CancellationToken ct)
    {
        if (!_store.AnyPackage(PackageState.Acknowledged)) return;
        var cursor = _store.GetMeta(CursorKey) ?? "0";
        while (true)
        {
            var page = await _authority.InboxAsync(cursor, ct);
            if (page is not { } inbox)
            {
                Problem(ProblemSource.Inbox, "the inbox cannot be read now");
                return;
            }
            Resolved(ProblemSource.Inbox);
            foreach (var bytes in inbox.Messages)
                if (!await HandleResponseAsync(bytes, inbox.At, ct))
                    return; // a look-up could not be made: read this page again at the next poll
            if (inbox.Next == cursor || inbox.Next.Length == 0) return;
            cursor = inbox.Next;
            _store.SetMeta(CursorKey, cursor);
            if (inbox.Messages.Count < 500) return;
        }
    }

    /// <returns>False when the notice could not be settled now (it is read again later).</returns>
    /// <param name="readAt">When the authority answered the inbox read that carried it, on its clock (HTTP Date).</param>
    private async Task<bool> HandleResponseAsync(byte[] bytes, DateTimeOffset? readAt, CancellationToken ct)
    {
        Message message;
        try
        {
            message = MessageReader.Read(bytes);
        }
        catch (Exception e) when (e is MessageFormatException or System.Xml.XmlException)
        {
            _log.LogWarning("unreadable response in the inbox: {Message}", e.Message);
            return true;
        }
        if (message is ErroneousInvoiceReply reply && reply.Header?.ReplyToId is { } noticeId)
        {
            if (_store.FindPackage(noticeId) is { Kind: "303" } sent) HandleReply(reply, sent); // else another provider's 303
            return true;
        }
        if (message is not DataCheckNotice notice || message.Header?.ReplyToId is not { } replyTo) return true;
        if (_store.FindPackage(replyTo) is not { Kind: "206" } package) return true; // another provider's package (same T-VAN)
        var now = _time.GetUtcNow();
        var waited = Waited(package, notice, readAt, now);
        var late = waited > _options.NoticeDeadline;
        var errors = notice.Errors ?? [];
        var codes = package.Ltbao is null ? _store.PackageCodes(package.Id) : [];
        IReadOnlyList<InvoiceOutcome> outcomes = notice.Kind == 2
            ? [.. codes.Select(c => new InvoiceOutcome(c, InvoiceState.Accepted, null, null))]
            : NoticeTriage.Triage(errors, codes, Packagings, _options.MaxPackagings);
        if (package.Ltbao is null && outcomes.Any(o => o.Codes == NoticeTriage.AlreadyStored))
        {
            var confirmed = await ConfirmAlreadyStoredAsync(package.TaxCode, outcomes, ct);
            if (confirmed is null) return false;
            outcomes = confirmed;
        }
        if (!_store.RecordNotice(package.Id, notice.Kind ?? 0, NoticeTriage.Codes(errors), late, outcomes, now)) return true;
        if (late) _log.LogWarning("package {MessageId}: the 204 came {Seconds:0} s after the 999 (deadline {Deadline} s)",
            package.MessageId, waited!.Value.TotalSeconds, _options.NoticeDeadline.TotalSeconds);
        if (notice.Kind != 2)
            _log.LogWarning("package {MessageId}: 204 LTBao {Kind}: {Errors}", package.MessageId, notice.Kind, NoticeTriage.Describe(errors));
        return true;
    }

    /// <summary>
    /// How long after receipt the 204 came, on the authority's clock when it tells: from the 999's NNhan to the later of
    /// the 204's TGGui and the time (HTTP Date) of the inbox answer that carried it — a 204 released late is read late
    /// even though its TGGui is on time. Without the authority's times, the provider's own clock (999 to now).
    /// </summary>
    private static TimeSpan? Waited(PackageRecord package, DataCheckNotice notice, DateTimeOffset? readAt, DateTimeOffset now)
    {
        if (package.ReceivedAt is { } received)
        {
            var sent = AuthorityClient.VietnamInstant(notice.SentAt);
            var came = (sent, readAt) switch
            {
                ({ } a, { } b) => a > b ? a : b,
                ({ } a, null) => a,
                (null, { } b) => b,
                _ => (DateTimeOffset?)null,
            };
            if (came is { } c) return c - received;
        }
        return package.AckedAt is { } acked ? now - acked : null;
    }

    // 7005 says the code is stored already. It is ours only if one of our packages carried it;
    // otherwise another system numbers the same block — surfaced, never called accepted.
    private async Task<IReadOnlyList<InvoiceOutcome>?> ConfirmAlreadyStoredAsync(string taxCode, IReadOnlyList<InvoiceOutcome> outcomes,
        CancellationToken ct)
    {
        var confirmed = new List<InvoiceOutcome>(outcomes.Count);
        foreach (var o in outcomes)
        {
            if (o.Codes != NoticeTriage.AlreadyStored)
            {
                confirmed.Add(o);
                continue;
            }
            if (await _authority.LookUpAsync(taxCode, o.Code, ct) is not { } found) return null;
            confirmed.Add(Settle(o.Code, found, NoticeTriage.AlreadyStored, "stored by an earlier package of this provider (7005)",
                "7005 but the look-up does not find it: packaged again"));
        }
        return confirmed;
    }

    /// <summary>What a look-up means for an invoice: ours stored → accepted; not stored → issued again; another's → rejected.</summary>
    private InvoiceOutcome Settle(string code, StoredInvoice found, string? codes, string storedDetail, string missingDetail)
    {
        if (!found.Stored) return new InvoiceOutcome(code, InvoiceState.Issued, codes, missingDetail);
        if (found.MessageId is null || (_store.FindPackage(found.MessageId) is { } carrier && _store.PackageCodes(carrier.Id).Contains(code)))
            return new InvoiceOutcome(code, InvoiceState.Accepted, codes, storedDetail);
        return new InvoiceOutcome(code, InvoiceState.Rejected, NoticeTriage.AlreadyStored,
            $"the authority stores another invoice under {code} (package {found.MessageId}, not sent by this provider): " +
            "is this block also numbered by another store or system?");
    }

    private int Packagings(string code) => _store.InvoiceByCode(code)?.Packagings ?? 0;

    // No 204 by the deadline (seed 000: dropped or later than 15 minutes). The look-up tells which
    // invoices the authority stores; the others go in a new package. The package keeps waiting.
    private async Task LookUpOverdueAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        foreach (var p in _store.Packages(PackageState.Acknowledged, 1000, withContent: false))
        {
            if (p.Kind != "206" || p.Overdue || p.AckedAt is not { } acked || now - acked <= _options.NoticeDeadline) continue;
            var outcomes = new List<InvoiceOutcome>();
            foreach (var code in _store.PackageCodes(p.Id))
            {
                if (_store.InvoiceByCode(code) is not { State: InvoiceState.Packaged } invoice || invoice.PackageMessageId != p.MessageId) continue;
                if (await _authority.LookUpAsync(p.TaxCode, code, ct) is not { } found) return; // cannot tell now: try again at the next poll
                outcomes.Add(Settle(code, found, null, "stored (look-up); no 204 by the deadline", "not stored (look-up); no 204 by the deadline"));
            }
            _store.MarkOverdue(p.Id, outcomes, now);
            _log.LogWarning("package {MessageId}: no 204 within {Deadline} s; {Stored} invoice(s) stored, {Again} re-packaged",
                p.MessageId, _options.NoticeDeadline.TotalSeconds, outcomes.Count(o => o.State == InvoiceState.Accepted),
                outcomes.Count(o => o.State == InvoiceState.Issued));
        }
    }
}

using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.Conformance.Provider;

/// <summary>The steps of the loop, each reading its work from the store and recording its result.</summary>
public sealed partial class ProviderEngine
{
    private const string CursorKey = "inbox-cursor";

    private async Task PackageAsync(bool flush, CancellationToken ct)
    {
        var mst = options.Register.SellerTaxCode;
        while (true)
        {
            var (count, oldest) = store.Pending(mst);
            if (count == 0) return;
            var now = time.GetUtcNow();
            var take = options.Sync switch
            {
                _ when flush => options.BatchSize,
                SyncMode.Realtime => 1,
                SyncMode.Periodic when count >= options.BatchSize => options.BatchSize,
                SyncMode.Periodic when oldest is { } o && o + options.BatchInterval <= now => options.BatchSize,
                _ => 0,
            };
            if (take == 0) return;
            var invoices = store.TakePending(mst, take);
            var (messageId, unsigned) = PackageComposer.Compose(options.Register, options.TvanCode, invoices);
            while (unsigned.Length > PackageComposer.MaxBytes && invoices.Count > 1)
            {
                invoices = [.. invoices.Take(invoices.Count / 2)];
                (messageId, unsigned) = PackageComposer.Compose(options.Register, options.TvanCode, invoices);
            }
            var (signed, problem) = await TrySignAsync(unsigned, ct);
            var package = store.CreatePackage(messageId, mst, unsigned, signed, [.. invoices.Select(i => i.Code.Value)], time.GetUtcNow());
            log.LogInformation("package {MessageId}: {Count} invoice(s), {State}", messageId, invoices.Count, package.State);
            if (problem is not null) store.Postpone(package.Id, problem, time.GetUtcNow() + Backoff(0));
        }
    }

    private async Task<(byte[]? Signed, string? Problem)> TrySignAsync(byte[] unsigned, CancellationToken ct)
    {
        try
        {
            var signingTime = time.GetUtcNow().ToOffset(Vietnam).DateTime;
            return (await signer.SignAsync(unsigned, signingTime, ct), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LastProblem = $"signing ({signer.Mode}): {e.Message}";
            log.LogWarning("signing failed ({Mode}): {Message}", signer.Mode, e.Message);
            return (null, LastProblem);
        }
    }

    private async Task SignWaitingAsync(CancellationToken ct)
    {
        if (signer.Mode == "token") return; // a person signs these with `ck sign`
        foreach (var p in store.Packages(PackageState.ToSign, 100))
        {
            if (p.NextAttemptAt is { } at && at > time.GetUtcNow()) continue;
            var (signed, problem) = await TrySignAsync(p.Unsigned, ct);
            if (signed is not null) store.SetSigned(p.Id, signed);
            else
            {
                store.Postpone(p.Id, problem ?? "the signer gave no signature", time.GetUtcNow() + Backoff(p.Attempts + 1));
                return;
            }
        }
    }

    private async Task SendReadyAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() < authorityRetryAt) return;
        foreach (var p in store.Packages(PackageState.Ready, 200))
        {
            if (p.NextAttemptAt is { } at && at > time.GetUtcNow()) continue;
            var outcome = await authority.SendAsync(p.Signed!, ct);
            var now = time.GetUtcNow();
            switch (outcome.Result)
            {
                case SendResult.Acknowledged:
                    store.Acknowledged(p.Id, now);
                    break;
                case SendResult.Refused or SendResult.Fatal:
                    log.LogWarning("package {MessageId} refused: {Detail}", p.MessageId, outcome.Detail);
                    store.Reject(p.Id, outcome.Codes, outcome.Detail, InvoiceState.Held, now);
                    break;
                default:
                    LastProblem = $"sending {p.MessageId}: {outcome.Detail}";
                    log.LogWarning("package {MessageId}: {Detail}; retrying", p.MessageId, outcome.Detail);
                    var next = now + Backoff(p.Attempts + 1);
                    store.Postpone(p.Id, outcome.Detail, next);
                    authorityRetryAt = next; // the others would fail the same way: wait together
                    return;
            }
        }
    }

    private async Task ReadInboxAsync(CancellationToken ct)
    {
        if (store.Packages(PackageState.Acknowledged, 1).Count == 0) return;
        var cursor = store.GetMeta(CursorKey) ?? "0";
        while (true)
        {
            var page = await authority.InboxAsync(cursor, ct);
            if (page is not { } inbox)
            {
                LastProblem = "the inbox cannot be read now";
                return;
            }
            foreach (var bytes in inbox.Messages)
                HandleResponse(bytes);
            if (inbox.Next == cursor || inbox.Next.Length == 0) return;
            cursor = inbox.Next;
            store.SetMeta(CursorKey, cursor);
            if (inbox.Messages.Count < 500) return;
        }
    }

    private void HandleResponse(byte[] bytes)
    {
        Message message;
        try
        {
            message = MessageReader.Read(bytes);
        }
        catch (Exception e) when (e is MessageFormatException or System.Xml.XmlException)
        {
            log.LogWarning("unreadable response in the inbox: {Message}", e.Message);
            return;
        }
        if (message is not DataCheckNotice notice || message.Header?.ReplyToId is not { } replyTo) return;
        if (store.FindPackage(replyTo) is not { } package) return; // another provider's package (same T-VAN)
        var now = time.GetUtcNow();
        var late = package.AckedAt is { } acked && now - acked > options.NoticeDeadline;
        var errors = notice.Errors ?? [];
        var codes = package.Ltbao is null ? store.PackageCodes(package.Id) : [];
        IReadOnlyList<InvoiceOutcome> outcomes = notice.Kind == 2
            ? [.. codes.Select(c => new InvoiceOutcome(c, InvoiceState.Accepted, null, null))]
            : NoticeTriage.Triage(errors, codes, Packagings, options.MaxPackagings);
        if (!store.RecordNotice(package.Id, notice.Kind ?? 0, NoticeTriage.Codes(errors), late, outcomes, now)) return;
        if (late) log.LogWarning("package {MessageId}: the 204 came {Seconds:0} s after the 999 (deadline {Deadline} s)",
            package.MessageId, (now - package.AckedAt!.Value).TotalSeconds, options.NoticeDeadline.TotalSeconds);
        if (notice.Kind != 2)
            log.LogWarning("package {MessageId}: 204 LTBao {Kind}: {Errors}", package.MessageId, notice.Kind, NoticeTriage.Describe(errors));
    }

    private int Packagings(string code) => store.InvoiceByCode(code)?.Packagings ?? 0;

    // No 204 by the deadline (seed 000: dropped or later than 15 minutes). The look-up tells which
    // invoices the authority stores; the others go in a new package. The package keeps waiting.
    private async Task LookUpOverdueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var p in store.Packages(PackageState.Acknowledged, 1000))
        {
            if (p.Overdue || p.AckedAt is not { } acked || now - acked <= options.NoticeDeadline) continue;
            var outcomes = new List<InvoiceOutcome>();
            foreach (var code in store.PackageCodes(p.Id))
            {
                if (store.InvoiceByCode(code) is not { State: InvoiceState.Packaged } invoice || invoice.PackageMessageId != p.MessageId) continue;
                var stored = await authority.IsStoredAsync(p.TaxCode, code, ct);
                if (stored is null) return; // cannot tell now: try again at the next poll
                outcomes.Add(stored.Value
                    ? new InvoiceOutcome(code, InvoiceState.Accepted, null, "stored (look-up); no 204 by the deadline")
                    : new InvoiceOutcome(code, InvoiceState.Issued, null, "not stored (look-up); no 204 by the deadline"));
            }
            store.MarkOverdue(p.Id, outcomes, now);
            log.LogWarning("package {MessageId}: no 204 within {Deadline} s; {Stored} invoice(s) stored, {Again} re-packaged",
                p.MessageId, options.NoticeDeadline.TotalSeconds, outcomes.Count(o => o.State == InvoiceState.Accepted),
                outcomes.Count(o => o.State == InvoiceState.Issued));
        }
    }
}

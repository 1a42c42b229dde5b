using ConformanceKit.Einvoice.Codes;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Certification;

public static partial class StepJudges
{
    /// <summary>Every MTDiep the service refused (500/503/closed) was sent again, same MTDiep and bytes, until taken; its invoices under no other MTDiep.</summary>
    private static CheckFinding ResentWithSameId(JudgeContext c)
    {
        var refused = c.InStep.Where(a => a is { Method: "POST", Path: JudgeContext.MessagesPath, Status: 500 or 503 or 0 } && a.MessageId is not null).ToList();
        if (refused.Count == 0) return CheckFinding.Missing("no upload was refused by the service's fault in this step");
        var failures = new List<string>();
        var ids = new List<string>();
        foreach (var first in refused.GroupBy(a => a.MessageId!).Select(g => g.First()))
        {
            var id = first.MessageId!;
            ids.Add(id);
            var taken = c.Session.Activity.FirstOrDefault(a => JudgeContext.IsTaken(a) && a.MessageId == id && a.At >= first.At);
            if (taken is null)
                failures.Add($"{id} got HTTP {first.Status} and was never taken when sent again with the same MTDiep");
            else if (taken.Sha256 != first.Sha256)
                failures.Add($"{id} was sent again with other content (SHA-256 {taken.Sha256?[..12]}…, first {first.Sha256?[..12]}…)");
            foreach (var other in c.Session.Activity.Where(a => JudgeContext.IsTaken(a) && a.MessageId != id && a.At >= first.At
                         && a.Codes.Intersect(first.Codes).Any()).Select(a => a.MessageId!).Distinct())
            {
                ids.Add(other);
                failures.Add($"the invoices of {id} were sent again as a new message {other} (a resend keeps its MTDiep)");
            }
        }
        return failures.Count > 0 ? new CheckFinding(true, failures, ids) : CheckFinding.Pass(ids);
    }

    /// <summary>After the step's dropped 204 was due, the vendor looked the package or one of its invoices up.</summary>
    private static async Task<CheckFinding> LookupAfterMissingAsync(JudgeContext c, CancellationToken ct)
    {
        var dropped = new List<InboundMessage>();
        var pending = new List<string>();
        foreach (var id in c.TakenInStep("206"))
        {
            var m = await c.Store.GetMessageAsync(id, ct);
            if (m?.State == MessageState.Received) pending.Add(id);
            else if (m?.Outcome?.Contains("204 dropped", StringComparison.Ordinal) == true) dropped.Add(m);
        }
        if (dropped.Count == 0)
            return pending.Count > 0 ? CheckFinding.Wait("the package is still being checked", pending)
                : CheckFinding.Missing("no package of this step lost its 204");
        var failures = new List<string>();
        foreach (var m in dropped)
        {
            var codes = c.Session.Activity.Where(a => a.MessageId == m.MessageId).SelectMany(a => a.Codes).ToHashSet(StringComparer.Ordinal);
            var looked = c.Session.Activity.Any(a => a.Method == "GET" && a.At <= c.To && a.SimulatedAt >= m.ProcessedAt
                && (a.Path == $"{JudgeContext.MessagesPath}/{m.MessageId}/responses"
                    || (a.Path.StartsWith($"/api/v1/invoices/{m.TaxCode}/", StringComparison.Ordinal) && codes.Contains(a.Path[(a.Path.LastIndexOf('/') + 1)..]))));
            if (!looked)
                failures.Add($"the 204 of {m.MessageId} never came and the package was not looked up afterwards " +
                             $"(GET {JudgeContext.MessagesPath}/{m.MessageId}/responses or the invoice look-up)");
        }
        return failures.Count > 0 ? new CheckFinding(true, failures, [.. dropped.Select(m => m.MessageId)]) : CheckFinding.Pass(dropped.Select(m => m.MessageId));
    }

    /// <summary>
    /// Session-wide: no invoice code stored from one message was sent again in another, and no invoice number
    /// (form, series, number) was stored under two codes.
    /// </summary>
    private static async Task<CheckFinding> NoCodeReissuedAsync(JudgeContext c, CancellationToken ct)
    {
        var taken = c.Session.Activity.Where(a => JudgeContext.IsTaken(a) && a.MessageType == "206" && a.At <= c.To).ToList();
        if (taken.Count == 0) return CheckFinding.Missing("no package was taken in this session");
        var failures = new List<string>();
        var ids = new List<string>();
        foreach (var group in taken.SelectMany(a => a.Codes.Select(code => (code, a.MessageId!))).Distinct().GroupBy(x => x.code))
        {
            var carriers = group.Select(x => x.Item2).Distinct().ToList();
            if (carriers.Count < 2) continue;
            var stored = await c.Store.GetInvoiceAsync(c.Session.TaxCode, group.Key, ct);
            if (stored is null) continue; // refused the first time (e.g. 5002): sending it again is right
            // Sent before the copy that was stored (and refused then): sending it again was right.
            var storedAt = taken.First(a => a.MessageId == stored.MessageId).At;
            foreach (var other in carriers.Where(id => id != stored.MessageId && taken.First(a => a.MessageId == id).At > storedAt))
            {
                ids.AddRange([stored.MessageId, other]);
                failures.Add($"invoice {group.Key}, stored from {stored.MessageId}, was sent again in {other}");
            }
        }
        var invoices = new List<StoredInvoice>();
        foreach (var id in taken.Select(a => a.MessageId!).Distinct()) invoices.AddRange(await c.Store.InvoicesOfAsync(id, ct));
        foreach (var same in invoices.GroupBy(i => (i.Form, i.Series, i.Number)).Where(g => g.Select(i => i.Code).Distinct().Count() > 1))
        {
            ids.AddRange(same.Select(i => i.MessageId));
            failures.Add($"invoice number {same.Key.Form}{same.Key.Series} {same.Key.Number} was issued again under a new code " +
                         $"({string.Join(", ", same.Select(i => i.Code).Distinct())})");
        }
        return failures.Count > 0 ? new CheckFinding(true, failures, ids) : CheckFinding.Pass([]);
    }

    /// <summary>The step's late 204 became visible and the vendor read it afterwards (its responses or the feed).</summary>
    private static async Task<CheckFinding> Late204ReadAsync(JudgeContext c, CancellationToken ct)
    {
        var delayed = new List<InboundMessage>();
        foreach (var id in c.TakenInStep("206"))
            if (await c.Store.GetMessageAsync(id, ct) is { Outcome: { } o } m && o.Contains("204 delayed", StringComparison.Ordinal)) delayed.Add(m);
        if (delayed.Count == 0) return CheckFinding.Missing("no package of this step had its 204 held back");
        var failures = new List<string>();
        foreach (var m in delayed)
        {
            var notice = (await c.Store.ResponsesToAsync(m.MessageId, ct)).FirstOrDefault(r => r.Type == "204");
            if (notice is null)
                return CheckFinding.Missing($"the late 204 of {m.MessageId} has not arrived yet: end the step after it came and you read it", [m.MessageId]);
            if (!c.ReadAnswersAfter(m.MessageId, notice.VisibleAt))
                failures.Add($"the late 204 of {m.MessageId} (visible {VietnamTime(notice.VisibleAt)}) was never read");
        }
        return failures.Count > 0 ? new CheckFinding(true, failures, [.. delayed.Select(m => m.MessageId)]) : CheckFinding.Pass(delayed.Select(m => m.MessageId));
    }

    /// <summary>A package of the step was refused for the expired contract (5002) and the vendor read that 204.</summary>
    private static async Task<CheckFinding> ContractRefusalReadAsync(JudgeContext c, CancellationToken ct)
    {
        var refused = new List<InboundMessage>();
        var pending = new List<string>();
        foreach (var id in c.TakenInStep("206"))
        {
            var m = await c.Store.GetMessageAsync(id, ct);
            if (m?.State == MessageState.Received) pending.Add(id);
            else if (m?.Outcome?.Contains("5002", StringComparison.Ordinal) == true) refused.Add(m);
        }
        if (refused.Count == 0)
            return pending.Count > 0 ? CheckFinding.Wait("the package is still being checked", pending)
                : CheckFinding.Missing("no package was sent while the contract was expired");
        var unread = refused.Where(m => !c.ReadAnswersAfter(m.MessageId, m.ProcessedAt ?? m.ReceivedAt)).ToList();
        return unread.Count > 0
            ? new CheckFinding(true, [.. unread.Select(m => $"the 204 refusing {m.MessageId} (5002, contract not in force) was never read")], [.. refused.Select(m => m.MessageId)])
            : CheckFinding.Pass(refused.Select(m => m.MessageId));
    }

    private static async Task<CheckFinding> RegistrationAcceptedAsync(JudgeContext c, CancellationToken ct)
    {
        var ids = c.TakenInStep("100");
        if (ids.Count == 0) return CheckFinding.Missing("no registration (100) was taken in this step");
        var failures = new List<string>();
        foreach (var id in ids)
        {
            var m = await c.Store.GetMessageAsync(id, ct);
            if (m?.State == MessageState.Received) return CheckFinding.Wait("the registration is still being checked", ids);
            if (m?.Outcome?.Contains("TTXNCQT 1", StringComparison.Ordinal) == true) return CheckFinding.Pass([id]);
            failures.Add($"{id} was answered {m?.Outcome}");
        }
        return new CheckFinding(true, failures, ids);
    }

    /// <summary>A package of the step used a code block issued after the session started (by the accepted registration).</summary>
    private static async Task<CheckFinding> NewBlockUsedAsync(JudgeContext c, CancellationToken ct)
    {
        var blocks = (c.Registry.Taxpayer(c.Session.TaxCode)?.CashRegister?.CodeBlocks ?? []).Except(c.Session.Blocks).ToHashSet(StringComparer.Ordinal);
        if (blocks.Count == 0) return CheckFinding.Missing("no new code block was issued to the taxpayer");
        var using_ = c.InStep.Where(a => JudgeContext.IsTaken(a) && a.MessageType == "206"
            && a.Codes.Any(code => CashRegisterCode.TryParse(code, out var p, out _) && blocks.Contains(p.Block))).Select(a => a.MessageId!).Distinct().ToList();
        if (using_.Count == 0) return CheckFinding.Missing($"no package with codes from the new block {string.Join(", ", blocks)}");
        foreach (var id in using_)
        {
            var m = await c.Store.GetMessageAsync(id, ct);
            if (m?.State == MessageState.Received) return CheckFinding.Wait("the package is still being checked", using_);
            if (m?.Outcome?.StartsWith("204 LTBao 2", StringComparison.Ordinal) == true) return CheckFinding.Pass([id]);
        }
        return new CheckFinding(true, [$"no package with codes from {string.Join(", ", blocks)} was accepted (LTBao 2)"], using_);
    }

    /// <summary>Session-wide: per block, the serials of the codes sent in taken packages run without gaps.</summary>
    private static CheckFinding CodesGapFree(JudgeContext c)
    {
        var codes = c.Session.Activity.Where(a => JudgeContext.IsTaken(a) && a.MessageType == "206" && a.At <= c.To)
            .SelectMany(a => a.Codes).Distinct()
            .Select(code => CashRegisterCode.TryParse(code, out var p, out _) ? p : (CashRegisterCode?)null)
            .OfType<CashRegisterCode>().ToList();
        if (codes.Count == 0) return CheckFinding.Missing("no invoice codes were sent in this session");
        var failures = new List<string>();
        foreach (var block in codes.GroupBy(p => p.Block))
        {
            var serials = block.Select(p => p.Serial).Distinct().Order().ToList();
            for (var i = 1; i < serials.Count; i++)
                if (serials[i] != serials[i - 1] + 1)
                    failures.Add($"block {block.Key}: serials {serials[i - 1] + 1}–{serials[i] - 1} were never sent (a gap)");
        }
        return failures.Count > 0 ? new CheckFinding(true, failures, []) : CheckFinding.Pass([]);
    }

    private static string VietnamTime(DateTimeOffset t) => Clock.VietnamTime.Local(t).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}

using System.Xml;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// A 303 (Form 04/SS-HĐĐT) the simulator took inside the window, read from its journal line, its body
/// (/admin/v1/messages/{id}) and its responses: the 301 (Form 01/TB-HĐSS) that answered it, if any.
/// </summary>
public sealed record ObservedErroneousNotice
{
    public required string MessageId { get; init; }

    /// <summary>The journal line of its receipt (simulated time).</summary>
    public required JournalView Received { get; init; }

    /// <summary>The 303 read with the Einvoice library; null when its body is gone or unreadable.</summary>
    public ErroneousInvoiceNotice? Notice { get; init; }

    public string? ReadError { get; init; }

    /// <summary>The 301 answering it; null when none (yet).</summary>
    public ErroneousInvoiceReply? Reply { get; init; }

    /// <summary>The journal's "out 301" line answering it (when the reply was stored: its entries took effect then).</summary>
    public JournalView? ReplyLine { get; init; }

    /// <summary>When the 301's verdicts took effect: the journal's 301 line, else the receipt.</summary>
    public DateTimeOffset DecidedAt => ReplyLine?.AtValue ?? Received.AtValue;

    /// <summary>
    /// Every 303 taken (HTTP 200, not a same-bytes resend) inside the window, with its 301. Reads one body and one
    /// response list per 303, recorded as exchanges of <paramref name="client"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ObservedErroneousNotice>> ReadAllAsync(SimulatorAdminClient client, ObserveWindow window,
        IReadOnlyList<JournalView> journal, CancellationToken ct)
    {
        var found = new List<ObservedErroneousNotice>();
        foreach (var line in journal.Where(l => l.IsIn && l.Type == "303" && l.HttpStatus == 200 && l.MessageId is not null
                                                && window.Contains(l.AtValue) && !(l.Outcome ?? "").StartsWith("resent", StringComparison.Ordinal)))
        {
            var id = line.MessageId!;
            var body = await client.MessageAsync(id, ct);
            ErroneousInvoiceNotice? notice = null;
            var error = body is null ? "the simulator has no body for this message" : null;
            if (body is not null)
            {
                try { notice = MessageReader.Read<ErroneousInvoiceNotice>(body); }
                catch (Exception ex) when (ex is MessageFormatException or XmlException or InvalidOperationException) { error = ex.Message; }
            }
            ErroneousInvoiceReply? reply = null;
            foreach (var bytes in await client.ResponsesAsync(id, ct))
            {
                try { reply ??= MessageReader.Read(bytes) as ErroneousInvoiceReply; }
                catch (Exception ex) when (ex is MessageFormatException or XmlException) { /* the simulator's own output: not ours to judge */ }
            }
            found.Add(new ObservedErroneousNotice
            {
                MessageId = id, Received = line, Notice = notice, ReadError = error, Reply = reply,
                ReplyLine = journal.FirstOrDefault(l => l.IsOut && l.Type == "301" && l.ReplyTo == id),
            });
        }
        return found;
    }
}

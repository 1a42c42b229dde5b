using ConformanceKit.AuthorityContract;
using System.Text.RegularExpressions;
using System.Xml;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// Reads the window from the simulator: the taxpayer's journal, then for each 206 received in the window its body and
/// its responses (999, 204), linked by MTDTChieu / the journal's replyTo.
/// </summary>
public sealed partial class ObservationCollector(SimulatorAdminClient client)
{
    private readonly Dictionary<string, IReadOnlyList<Message>> _responses = new(StringComparer.Ordinal);

    public async Task<Observation> CollectAsync(ObserveWindow window, CancellationToken ct)
    {
        var journal = await client.JournalAsync(window.TaxCode, ct);
        var packages = new List<ObservedPackage>();
        var refusals = new List<ObservedRefusal>();
        var replays = new List<ObservedReplay>();
        foreach (var line in journal.Where(l => l.IsIn && l.Type is ("206" or "?") && window.Contains(l.AtValue)))
        {
            if (line.HttpStatus == 200 && line.MessageId is { } replayed && (line.Outcome ?? "").StartsWith("resent", StringComparison.Ordinal))
                replays.Add(new ObservedReplay(line, replayed));
            else if (line.HttpStatus == 200 && line.MessageId is { } id)
                packages.Add(await PackageAsync(line, id, journal, ct));
            else
                refusals.Add(await RefusalAsync(line, journal, ct));
        }
        var faults = await client.FaultsAsync(ct);
        return new Observation
        {
            Window = window, Journal = journal, Packages = packages, Refusals = refusals, Replays = replays, Faults = faults,
            ErroneousNotices = await ObservedErroneousNotice.ReadAllAsync(client, window, journal, ct),
            Exchanges = client.Exchanges,
        };
    }

    private async Task<ObservedPackage> PackageAsync(JournalView received, string id, IReadOnlyList<JournalView> journal, CancellationToken ct)
    {
        var body = await client.MessageAsync(id, ct);
        InvoicePackage? package = null;
        string? error = body is null ? "the simulator has no body for this message" : null;
        if (body is not null)
        {
            try { package = MessageReader.Read<InvoicePackage>(body); }
            catch (Exception ex) when (ex is MessageFormatException or XmlException) { error = ex.Message; }
        }
        var responses = await ResponsesAsync(id, ct);
        return new ObservedPackage
        {
            MessageId = id, Received = received, Body = body, Package = package, ReadError = error,
            Acks = [.. responses.OfType<TechnicalAck>()],
            Notices = [.. responses.OfType<DataCheckNotice>()],
            NoticeLines = [.. journal.Where(l => l.IsOut && l.Type == "204" && l.ReplyTo == id)],
        };
    }

    private async Task<ObservedRefusal> RefusalAsync(JournalView received, IReadOnlyList<JournalView> journal, CancellationToken ct)
    {
        // The refusal's 999 is the next "out 999" line answering the same MTDiep.
        var ackLine = journal.FirstOrDefault(l => l.Seq > received.Seq && l.IsOut && l.Type == "999" && l.ReplyTo == received.MessageId);
        if (received.MessageId is { } id && ackLine?.MessageId is { } ackId)
        {
            var ack = (await ResponsesAsync(id, ct)).OfType<TechnicalAck>().FirstOrDefault(a => a.Header.MessageId == ackId);
            if (ack?.Reasons is { Count: > 0 } reasons) return new ObservedRefusal(received, id, reasons);
        }
        // No readable 999 (e.g. an unreadable MTDiep): the codes of the journal line.
        var codes = Codes().Matches(ackLine?.Outcome ?? received.Outcome ?? "").Select(m => m.Value).Distinct();
        return new ObservedRefusal(received, received.MessageId, [.. codes.Select(c => new Reason { Code = c })]);
    }

    private async Task<IReadOnlyList<Message>> ResponsesAsync(string id, CancellationToken ct)
    {
        if (_responses.TryGetValue(id, out var cached)) return cached;
        var list = new List<Message>();
        foreach (var bytes in await client.ResponsesAsync(id, ct))
        {
            try { list.Add(MessageReader.Read(bytes)); }
            catch (Exception ex) when (ex is MessageFormatException or XmlException) { /* not ours to judge: the simulator's own output */ }
        }
        _responses[id] = list;
        return list;
    }

    [GeneratedRegex(@"\b1\d{3}\b")]
    private static partial Regex Codes();
}

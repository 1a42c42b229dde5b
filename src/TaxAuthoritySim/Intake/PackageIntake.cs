using System.Security.Cryptography;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Processing;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Intake;

/// <summary>
/// Takes a posted message: reception checks, then — only after the message is durably recorded —
/// a 999 with TTTNhan 0, and the message is queued for its data check. Idempotent on MTDiep.
/// </summary>
public sealed class PackageIntake(
    ISimulatorStore store,
    ResponseFactory responses,
    SenderClock clock,
    SimulatorSettings settings,
    ProcessingQueue queue,
    RegistryService registry,
    Diagnostics.StageTimings timings,
    ILogger<PackageIntake> log)
{
    public Task<IntakeResult> ReceiveAsync(byte[] body, Tvan tvan, CancellationToken ct) => ReceiveAsync(body, tvan, null, ct);

    /// <param name="check">The reception check when the caller ran it already (the fault rules need the header).</param>
    public async Task<IntakeResult> ReceiveAsync(byte[] body, Tvan tvan, ReceptionCheck.Result? check, CancellationToken ct)
    {
        var now = clock.Now(tvan.Code);
        var wall = DateTimeOffset.UtcNow;
        if (check is null)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            check = ReceptionCheck.RunWithData(body, tvan, registry.Current);
            timings.Record("reception", started);
        }
        var v = check.Validation;
        if (check.Reasons.Count > 0)
            return await Refuse(v.MessageId, v.Sender, v.MessageType, v.TaxCode, tvan, now, wall, check.Reasons, ct);

        var sha = Convert.ToHexStringLower(SHA256.HashData(body));
        var (ackId, ack) = responses.Ack(new ResponseFactory.AckInput(v.MessageId, v.Sender, now, []));
        var message = new InboundMessage
        {
            MessageId = v.MessageId!,
            Type = v.MessageType!,
            Sender = v.Sender!,
            TvanCode = tvan.Code,
            TaxCode = v.TaxCode,
            Count = int.TryParse(v.DeclaredCount, out var n) ? n : null,
            ReceivedAt = now,
            ReceivedWallAt = wall,
            DueAt = now + settings.ProcessingDelay,
            Sha256 = sha,
            Body = body,
            Ack = ack,
            Package = check.Package,
        };
        var ackResponse = new OutboundResponse
        {
            ResponseId = ackId,
            ReplyTo = message.MessageId,
            Type = "999",
            TvanCode = tvan.Code,
            TaxCode = message.TaxCode,
            CreatedAt = now,
            VisibleAt = now,
            Body = ack,
            Summary = "TTTNhan 0",
            Callback = tvan.CallbackUrl is null ? CallbackState.None : CallbackState.Pending,
        };
        JournalEntry[] journal =
        [
            In(message.Type, message.MessageId, message.TaxCode, tvan.Code, 200, "received", now, wall),
            Out("999", ackId, message.MessageId, message.TaxCode, tvan.Code, "TTTNhan 0", now, wall),
        ];
        var recording = System.Diagnostics.Stopwatch.GetTimestamp();
        var recorded = await store.RecordAsync(message, ackResponse, journal, ct);
        timings.Record("record", recording);
        if (recorded.Inserted)
        {
            queue.Enqueue(message with { Seq = recorded.Seq });
            return new IntakeResult(200, ack, Accepted: true);
        }

        var existing = recorded.Existing!;
        if (existing.Sha256 == sha)
        {
            await store.AppendJournalAsync(
                [In(message.Type, message.MessageId, message.TaxCode, tvan.Code, 200, "resent: first 999 replayed", now, wall)], ct);
            return new IntakeResult(200, existing.Ack, Accepted: true, Replayed: true);
        }
        log.LogInformation("MTDiep {MessageId} reused for different content", message.MessageId);
        return await Refuse(v.MessageId, v.Sender, v.MessageType, v.TaxCode, tvan, now, wall,
            [ReceptionCheck.Reason(ErrorCodes.MessageIdReused,
                $"MTDiep {message.MessageId} was received at {VietnamTime.Local(existing.ReceivedAt):yyyy-MM-ddTHH:mm:ss} with different content")], ct);
    }

    /// <summary>Refused at reception: a 999 with TTTNhan 1 and every reason; nothing is kept but the journal.</summary>
    public async Task<IntakeResult> Refuse(string? messageId, string? sender, string? type, string? taxCode, Tvan? tvan,
        DateTimeOffset now, DateTimeOffset wall, IReadOnlyList<Reason> reasons, CancellationToken ct, int httpStatus = 400)
    {
        var (ackId, ack) = responses.Ack(new ResponseFactory.AckInput(messageId, sender, now, reasons));
        var codes = string.Join(", ", reasons.Select(r => r.Code).Distinct());
        JournalEntry[] journal =
        [
            In(type ?? "?", messageId, taxCode, tvan?.Code, httpStatus, "refused: " + codes, now, wall),
            Out("999", ackId, messageId, taxCode, tvan?.Code, "TTTNhan 1: " + codes, now, wall),
        ];
        // A refusal is a response too (responses route, inbox, callback) when it can name the message.
        if (tvan is not null && Einvoice.Codes.MessageId.TryParse(messageId, out var id, out _))
            await store.AddResponsesAsync([new OutboundResponse
            {
                ResponseId = ackId, ReplyTo = id.Value, Type = "999", TvanCode = tvan.Code, TaxCode = taxCode,
                CreatedAt = now, VisibleAt = now, Body = ack, Summary = "TTTNhan 1: " + codes,
                Callback = tvan.CallbackUrl is null ? CallbackState.None : CallbackState.Pending,
            }], journal, now, ct);
        else
            await store.AppendJournalAsync(journal, ct);
        return new IntakeResult(httpStatus, ack, Accepted: false);
    }

    internal static JournalEntry In(string type, string? id, string? mst, string? tvan, int? status, string outcome,
        DateTimeOffset at, DateTimeOffset wall) => new()
    {
        At = at, WallAt = wall, Direction = "in", Type = type, MessageId = id, TaxCode = mst, TvanCode = tvan,
        HttpStatus = status, Outcome = outcome,
    };

    internal static JournalEntry Out(string type, string id, string? replyTo, string? mst, string? tvan, string outcome,
        DateTimeOffset at, DateTimeOffset wall, double? latencySeconds = null, double? latencyMs = null) => new()
    {
        At = at, WallAt = wall, Direction = "out", Type = type, MessageId = id, ReplyTo = replyTo, TaxCode = mst,
        TvanCode = tvan, Outcome = outcome, LatencySeconds = latencySeconds, LatencyMs = latencyMs,
    };
}

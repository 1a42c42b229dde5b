using System.Security.Cryptography;
using System.Text;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Tests.Store;

/// <summary>Builders for store records. Times are whole milliseconds (PostgreSQL keeps microseconds).</summary>
internal static class StoreTestData
{
    public const string Tvan = "V0309478306";
    public const string OtherTvan = "V0100109106";
    public const string Mst = "0106324653";
    public const string OtherMst = "0100686209";

    public static readonly DateTimeOffset T0 = new(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7));

    private static int _counter;

    public static string NewMessageId(string tvan = Tvan) =>
        tvan + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant() + Interlocked.Increment(ref _counter).ToString("D4");

    /// <summary>A 23-character cash-register code: M1-25-A1B2C-00000000042.</summary>
    public static string Code(long n, string block = "A1B2C") => $"M1-25-{block}-{n:D11}";

    public static InboundMessage Message(string? id = null, string tvan = Tvan, string? mst = Mst, DateTimeOffset? at = null,
        string type = "206", int? count = 1)
    {
        var messageId = id ?? NewMessageId(tvan);
        var body = Encoding.UTF8.GetBytes($"<TDiep><TTChung><MTDiep>{messageId}</MTDiep></TTChung>{Guid.NewGuid()}</TDiep>");
        var received = at ?? T0;
        return new InboundMessage
        {
            MessageId = messageId,
            Type = type,
            Sender = tvan,
            TvanCode = tvan,
            TaxCode = mst,
            Count = count,
            ReceivedAt = received,
            ReceivedWallAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
            DueAt = received.AddSeconds(2),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(body)),
            Body = body,
            Ack = Encoding.UTF8.GetBytes($"<TDiep><MLTDiep>999</MLTDiep>{Guid.NewGuid()}</TDiep>"),
        };
    }

    public static OutboundResponse Ack(InboundMessage m) => new()
    {
        ResponseId = "TCT" + Guid.NewGuid().ToString("N")[..29].ToUpperInvariant(),
        ReplyTo = m.MessageId,
        Type = "999",
        TvanCode = m.TvanCode,
        TaxCode = m.TaxCode,
        CreatedAt = m.ReceivedAt,
        VisibleAt = m.ReceivedAt,
        Body = m.Ack,
        Summary = "TTTNhan 0",
    };

    public static OutboundResponse Response(InboundMessage m, string type, DateTimeOffset created, DateTimeOffset? visible = null,
        CallbackState callback = CallbackState.None, bool email = false, string? tvan = null) => new()
    {
        ResponseId = "TCT" + Guid.NewGuid().ToString("N")[..29].ToUpperInvariant(),
        ReplyTo = m.MessageId,
        Type = type,
        TvanCode = tvan ?? m.TvanCode,
        TaxCode = m.TaxCode,
        CreatedAt = created,
        VisibleAt = visible ?? created,
        Body = Encoding.UTF8.GetBytes($"<TDiep><MLTDiep>{type}</MLTDiep>{Guid.NewGuid()}</TDiep>"),
        Summary = type == "204" ? "LTBao 2" : type,
        Callback = callback,
        EmailPending = email,
    };

    public static JournalEntry Journal(string direction, string type, string? messageId, string? mst = Mst, DateTimeOffset? at = null,
        string? replyTo = null, int? http = 200, string? outcome = null, double? latency = null) => new()
    {
        At = at ?? T0,
        WallAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
        Direction = direction,
        Type = type,
        MessageId = messageId,
        ReplyTo = replyTo,
        TaxCode = mst,
        TvanCode = Tvan,
        HttpStatus = http,
        Outcome = outcome,
        LatencySeconds = latency,
        LatencyMs = latency is null ? null : latency * 1000 + 0.25,
    };

    public static StoredInvoice Invoice(string code, InboundMessage m, int index, DateTimeOffset? at = null) => new()
    {
        TaxCode = m.TaxCode!,
        Code = code,
        MessageId = m.MessageId,
        Index = index,
        Form = 1,
        Series = "1M25MAB",
        Number = index.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
        IssuedOn = new DateOnly(2025, 6, 15),
        SellerName = "Cửa hàng A",
        BuyerName = index % 2 == 0 ? null : "Nguyễn Văn B",
        BuyerTaxCode = index % 2 == 0 ? null : "0100686209",
        TotalBeforeTax = 100000.50m + index,
        TotalTax = 8000.04m,
        Total = 108000.54m + index,
        Currency = "VND",
        StoredAt = at ?? T0.AddSeconds(2),
    };

    public static Completion Completion(InboundMessage m, IReadOnlyList<StoredInvoice> invoices, DateTimeOffset processedAt,
        IReadOnlyList<OutboundResponse>? responses = null, IReadOnlyList<JournalEntry>? journal = null, string outcome = "204 LTBao 2") => new()
    {
        MessageId = m.MessageId,
        ProcessedAt = processedAt,
        Outcome = outcome,
        Invoices = invoices,
        Responses = responses ?? [],
        Journal = journal ?? [],
    };
}

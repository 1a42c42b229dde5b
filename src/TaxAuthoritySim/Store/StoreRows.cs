using System.Data.Common;

namespace ConformanceKit.TaxAuthoritySim.Store;

/// <summary>How a store keeps the types SQL dialects disagree on: times, dates, decimals, flags.</summary>
internal abstract class RowDialect
{
    public abstract DateTimeOffset Time(DbDataReader r, int i);
    public abstract DateOnly Date(DbDataReader r, int i);
    public abstract decimal Decimal(DbDataReader r, int i);
    public abstract bool Flag(DbDataReader r, int i);

    public DateTimeOffset? OptTime(DbDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);
    public DateOnly? OptDate(DbDataReader r, int i) => r.IsDBNull(i) ? null : Date(r, i);
    public decimal? OptDecimal(DbDataReader r, int i) => r.IsDBNull(i) ? null : Decimal(r, i);
}

/// <summary>
/// Rows to records, written once for both stores: they select the same columns in the same order
/// (each store's MessageColumns, ResponseColumns, InvoiceColumns, JournalColumns).
/// </summary>
internal static class StoreRows
{
    public static InboundMessage Message(DbDataReader r, RowDialect d, bool bodies) => new()
    {
        Seq = r.GetInt64(0),
        MessageId = r.GetString(1),
        Type = r.GetString(2),
        Sender = r.GetString(3),
        TvanCode = r.GetString(4),
        TaxCode = S(r, 5),
        Count = r.IsDBNull(6) ? null : r.GetInt32(6),
        ReceivedAt = d.Time(r, 7),
        ReceivedWallAt = d.Time(r, 8),
        DueAt = d.Time(r, 9),
        Sha256 = r.GetString(10),
        Body = bodies && !r.IsDBNull(11) ? r.GetFieldValue<byte[]>(11) : [],
        Ack = bodies && !r.IsDBNull(12) ? r.GetFieldValue<byte[]>(12) : [],
        State = (MessageState)r.GetInt32(13),
        ProcessedAt = d.OptTime(r, 14),
        Outcome = S(r, 15),
    };

    public static OutboundResponse Response(DbDataReader r, RowDialect d) => new()
    {
        Seq = r.GetInt64(0),
        FeedSeq = r.IsDBNull(1) ? null : r.GetInt64(1),
        ResponseId = r.GetString(2),
        ReplyTo = r.GetString(3),
        Type = r.GetString(4),
        TvanCode = r.GetString(5),
        TaxCode = S(r, 6),
        CreatedAt = d.Time(r, 7),
        VisibleAt = d.Time(r, 8),
        Body = r.IsDBNull(9) ? [] : r.GetFieldValue<byte[]>(9),
        Summary = S(r, 10),
        Callback = (CallbackState)r.GetInt32(11),
        CallbackAttempts = r.GetInt32(12),
        NextCallbackAt = d.OptTime(r, 13),
        CallbackError = S(r, 14),
        EmailPending = d.Flag(r, 15),
    };

    public static StoredInvoice Invoice(DbDataReader r, RowDialect d) => new()
    {
        Code = r.GetString(0),
        TaxCode = r.GetString(1),
        MessageId = r.GetString(2),
        Index = r.GetInt32(3),
        Form = r.IsDBNull(4) ? null : r.GetInt32(4),
        Series = S(r, 5),
        Number = S(r, 6),
        IssuedOn = d.OptDate(r, 7),
        SellerName = S(r, 8),
        BuyerName = S(r, 9),
        BuyerTaxCode = S(r, 10),
        TotalBeforeTax = d.OptDecimal(r, 11),
        TotalTax = d.OptDecimal(r, 12),
        Total = d.OptDecimal(r, 13),
        Currency = S(r, 14),
        StoredAt = d.Time(r, 15),
        RelationKind = r.IsDBNull(16) ? null : r.GetInt32(16),
        RelatedForm = S(r, 17),
        RelatedSeries = S(r, 18),
        RelatedNumber = S(r, 19),
        RelatedIssuedOn = d.OptDate(r, 20),
    };

    public static JournalEntry Journal(DbDataReader r, RowDialect d) => new()
    {
        Seq = r.GetInt64(0),
        At = d.Time(r, 1),
        WallAt = d.Time(r, 2),
        Direction = r.GetString(3),
        Type = r.GetString(4),
        MessageId = S(r, 5),
        ReplyTo = S(r, 6),
        TaxCode = S(r, 7),
        TvanCode = S(r, 8),
        HttpStatus = r.IsDBNull(9) ? null : r.GetInt32(9),
        Outcome = S(r, 10),
        LatencySeconds = r.IsDBNull(11) ? null : r.GetDouble(11),
        LatencyMs = r.IsDBNull(12) ? null : r.GetDouble(12),
    };

    private static string? S(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

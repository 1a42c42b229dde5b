namespace ConformanceKit.TaxAuthoritySim.Store;

/// <summary>A message taken for processing (answered with a 999 TTTNhan 0). Times are simulated.</summary>
public sealed record InboundMessage
{
    /// <summary>Store order, assigned on insert (0 before).</summary>
    public long Seq { get; init; }

    /// <summary>MTDiep.</summary>
    public required string MessageId { get; init; }

    /// <summary>MLTDiep, e.g. "206", "100".</summary>
    public required string Type { get; init; }

    /// <summary>MNGui as written in the message.</summary>
    public required string Sender { get; init; }

    /// <summary>The authenticated T-VAN's code (owner of the API key).</summary>
    public required string TvanCode { get; init; }

    /// <summary>MST of the envelope.</summary>
    public string? TaxCode { get; init; }

    /// <summary>SLuong of the envelope, when readable.</summary>
    public int? Count { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Real time of receipt, for the journal's wall-clock latency.</summary>
    public required DateTimeOffset ReceivedWallAt { get; init; }

    /// <summary>When processing is due (simulated); receipt + processing delay, at most 15 minutes.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>SHA-256 of the body, lower-case hex: a resend with the same id must carry the same bytes.</summary>
    public required string Sha256 { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>The 999 sent back, replayed for an identical resend.</summary>
    public required byte[] Ack { get; init; }

    public MessageState State { get; init; } = MessageState.Received;

    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>Short outcome once processed, e.g. "204 LTBao 2", "204 LTBao 7: 7005, 4002".</summary>
    public string? Outcome { get; init; }

    /// <summary>
    /// A 206's full validation done at reception, for its data check; in memory only (a message read back from the
    /// store has none and is validated again).
    /// </summary>
    public Checks.PackageRead? Package { get; init; }
}

public enum MessageState
{
    Received = 0,
    Processed = 1,
}

/// <summary>What <see cref="ISimulatorStore.RecordAsync"/> did.</summary>
/// <param name="Inserted">True when this call stored the message; false when the MTDiep was already taken.</param>
/// <param name="Existing">The stored message with that MTDiep when not inserted.</param>
public sealed record RecordResult(bool Inserted, InboundMessage? Existing, long Seq);

/// <summary>A response message (999, 204, 102, 103 …) addressed to a T-VAN.</summary>
public sealed record OutboundResponse
{
    /// <summary>Insert order (0 before insert).</summary>
    public long Seq { get; init; }

    /// <summary>Position in the T-VAN inbox feed; null while not yet visible (a delayed 204).</summary>
    public long? FeedSeq { get; init; }

    /// <summary>MTDiep of the response.</summary>
    public required string ResponseId { get; init; }

    /// <summary>MTDTChieu: the MTDiep answered.</summary>
    public required string ReplyTo { get; init; }

    public required string Type { get; init; }
    public required string TvanCode { get; init; }
    public string? TaxCode { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it becomes visible (responses route, inbox, callback, e-mail). Simulated time.</summary>
    public required DateTimeOffset VisibleAt { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>Short description, e.g. "LTBao 2" or "TTTNhan 0".</summary>
    public string? Summary { get; init; }

    public CallbackState Callback { get; init; } = CallbackState.None;
    public int CallbackAttempts { get; init; }
    public DateTimeOffset? NextCallbackAt { get; init; }
    public string? CallbackError { get; init; }

    /// <summary>E-mail to the taxpayer still to be written (204 only).</summary>
    public bool EmailPending { get; init; }
}

public enum CallbackState
{
    None = 0,
    Pending = 1,
    Delivered = 2,
}

/// <summary>An invoice stored after a valid package. The XML stays in the package (message) body.</summary>
public sealed record StoredInvoice
{
    /// <summary>Seller MST.</summary>
    public required string TaxCode { get; init; }

    /// <summary>MCCQT, the 23-character cash-register code (unique across the store).</summary>
    public required string Code { get; init; }

    /// <summary>MTDiep of the 206 that carried it.</summary>
    public required string MessageId { get; init; }

    /// <summary>1-based position of the HDon in that package.</summary>
    public required int Index { get; init; }

    public int? Form { get; init; }
    public string? Series { get; init; }
    public string? Number { get; init; }
    public DateOnly? IssuedOn { get; init; }
    public string? SellerName { get; init; }
    public string? BuyerName { get; init; }
    public string? BuyerTaxCode { get; init; }
    public decimal? TotalBeforeTax { get; init; }
    public decimal? TotalTax { get; init; }
    public decimal? Total { get; init; }
    public string? Currency { get; init; }
    public required DateTimeOffset StoredAt { get; init; }

    /// <summary>TTHDLQuan/TCHDon: 1 this invoice replaces <see cref="RelatedNumber"/>, 2 it adjusts it; null for an ordinary invoice.</summary>
    public int? RelationKind { get; init; }

    /// <summary>TTHDLQuan/KHMSHDCLQuan: form number of the replaced or adjusted invoice.</summary>
    public string? RelatedForm { get; init; }

    /// <summary>TTHDLQuan/KHHDCLQuan: series of the replaced or adjusted invoice.</summary>
    public string? RelatedSeries { get; init; }

    /// <summary>TTHDLQuan/SHDCLQuan: number of the replaced or adjusted invoice.</summary>
    public string? RelatedNumber { get; init; }

    /// <summary>TTHDLQuan/NLHDCLQuan: issue date of the replaced or adjusted invoice.</summary>
    public DateOnly? RelatedIssuedOn { get; init; }
}

/// <summary>The end of a message's processing, written atomically by <see cref="ISimulatorStore.CompleteAsync"/>.</summary>
public sealed record Completion
{
    public required string MessageId { get; init; }
    public required DateTimeOffset ProcessedAt { get; init; }
    public required string Outcome { get; init; }

    /// <summary>Invoices to store; all or none (none when a code is already stored).</summary>
    public IReadOnlyList<StoredInvoice> Invoices { get; init; } = [];

    /// <summary>Accepted entries of a 303 to store with the 301 (empty for other messages).</summary>
    public IReadOnlyList<InvoiceNoticeEntry> Notices { get; init; } = [];

    public IReadOnlyList<OutboundResponse> Responses { get; init; } = [];
    public IReadOnlyList<JournalEntry> Journal { get; init; } = [];
}

/// <param name="Stored">False when some codes were already stored: nothing was written.</param>
/// <param name="Conflicts">Codes of <see cref="Completion.Invoices"/> already in the store.</param>
public sealed record CompleteResult(bool Stored, IReadOnlySet<string> Conflicts);

/// <summary>One line of the journal: a message in or out, with simulated and real timestamps.</summary>
public sealed record JournalEntry
{
    public long Seq { get; init; }

    /// <summary>Simulated time.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Real time.</summary>
    public required DateTimeOffset WallAt { get; init; }

    /// <summary>"in" or "out".</summary>
    public required string Direction { get; init; }

    /// <summary>MLTDiep (or "?" when unreadable).</summary>
    public required string Type { get; init; }

    public string? MessageId { get; init; }
    public string? ReplyTo { get; init; }
    public string? TaxCode { get; init; }
    public string? TvanCode { get; init; }
    public int? HttpStatus { get; init; }

    /// <summary>Short outcome: "TTTNhan 0", "LTBao 7: 7005", "fault: drop204" …</summary>
    public string? Outcome { get; init; }

    /// <summary>For a 204/102/103: simulated seconds since the answered message was received.</summary>
    public double? LatencySeconds { get; init; }

    /// <summary>For a 204/102/103: real milliseconds since the answered message was received.</summary>
    public double? LatencyMs { get; init; }
}

public sealed record JournalQuery
{
    public string? TaxCode { get; init; }
    public string? Type { get; init; }
    public long After { get; init; }
    public int Limit { get; init; } = 1000;
}

/// <summary>Counts for the pages and /health.</summary>
public sealed record StoreCounts(long Messages, long Pending, long Invoices, long Responses, long PendingCallbacks);

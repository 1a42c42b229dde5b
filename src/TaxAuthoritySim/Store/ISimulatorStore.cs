namespace ConformanceKit.TaxAuthoritySim.Store;

/// <summary>
/// Durable state of the simulated portal. SQLite (embedded, WAL) and PostgreSQL implement it with
/// the same behaviour; the integration tests run against both. All writes of one store are
/// serialised in-process, so "check then insert" steps are atomic and the inbox feed has no gaps.
/// Times are simulated (the caller's clock) unless named Wall.
/// </summary>
public interface ISimulatorStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Kind { get; }

    /// <summary>Human-readable location (file path or host/database), never a password.</summary>
    string Description { get; }

    /// <summary>Creates or upgrades the schema by running the embedded migration files in order.</summary>
    Task InitializeAsync(CancellationToken ct = default);

    Task<string?> GetSettingAsync(string key, CancellationToken ct = default);

    Task SetSettingAsync(string key, string value, CancellationToken ct = default);

    /// <summary>Deletes every message, response, invoice and journal line, and every setting
    /// except those whose key starts with "keep." (the authority's certificate survives a reset).</summary>
    Task ResetAsync(CancellationToken ct = default);

    /// <summary>
    /// Stores a message taken for processing together with its 999 response and journal lines, in
    /// one transaction, durably (committed before returning). When the MTDiep is already stored,
    /// writes nothing and returns the existing message.
    /// </summary>
    Task<RecordResult> RecordAsync(InboundMessage message, OutboundResponse ack, IReadOnlyList<JournalEntry> journal,
        CancellationToken ct = default);

    Task<InboundMessage?> GetMessageAsync(string messageId, CancellationToken ct = default);

    /// <summary>Messages still in state Received, oldest first (recovery after a restart).</summary>
    Task<IReadOnlyList<InboundMessage>> PendingAsync(CancellationToken ct = default);

    /// <summary>Which of these codes are already stored.</summary>
    Task<IReadOnlySet<string>> StoredCodesAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default);

    /// <summary>
    /// Atomically ends a message's processing: if any of <see cref="Completion.Invoices"/> has a code
    /// already stored, writes nothing and returns the conflicts; otherwise stores the invoices, adds the
    /// responses (a response whose VisibleAt is not after <paramref name="now"/> gets its feed position
    /// at once), stores the accepted 303 entries (<see cref="Completion.Notices"/>), appends the journal lines and marks the message Processed with its outcome.
    /// </summary>
    Task<CompleteResult> CompleteAsync(Completion completion, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Adds responses and journal lines outside a completion (e.g. a 103 decided later).</summary>
    Task AddResponsesAsync(IReadOnlyList<OutboundResponse> responses, IReadOnlyList<JournalEntry> journal,
        DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Gives feed positions, in creation order, to responses that became visible by <paramref name="now"/>.
    /// Returns how many were released.</summary>
    Task<int> ReleaseDueResponsesAsync(DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Like <see cref="ReleaseDueResponsesAsync(DateTimeOffset, CancellationToken)"/> for one T-VAN's responses only
    /// (a sender whose time runs ahead: a certification session's own clock).</summary>
    Task<int> ReleaseDueResponsesAsync(DateTimeOffset now, string tvanCode, CancellationToken ct = default);

    /// <summary>Every visible response answering <paramref name="messageId"/>, oldest first.</summary>
    Task<IReadOnlyList<OutboundResponse>> ResponsesToAsync(string messageId, CancellationToken ct = default);

    /// <summary>Visible responses for a T-VAN with a feed position after <paramref name="after"/>, in feed order.</summary>
    Task<IReadOnlyList<OutboundResponse>> InboxAsync(string tvanCode, long after, int limit, CancellationToken ct = default);

    /// <summary>Visible responses whose callback is pending and due (NextCallbackAt null or ≤ now).</summary>
    Task<IReadOnlyList<OutboundResponse>> DueCallbacksAsync(DateTimeOffset now, int limit, CancellationToken ct = default);

    Task UpdateCallbackAsync(long seq, CallbackState state, int attempts, DateTimeOffset? nextAttemptAt, string? error,
        CancellationToken ct = default);

    /// <summary>Visible responses whose e-mail is still to be written.</summary>
    Task<IReadOnlyList<OutboundResponse>> PendingEmailsAsync(int limit, CancellationToken ct = default);

    Task MarkEmailedAsync(long seq, CancellationToken ct = default);

    Task<StoredInvoice?> GetInvoiceAsync(string taxCode, string code, CancellationToken ct = default);

    /// <summary>Invoices a package stored, by position.</summary>
    Task<IReadOnlyList<StoredInvoice>> InvoicesOfAsync(string messageId, CancellationToken ct = default);

    /// <summary>Invoices of every taxpayer whose NLap is within [<paramref name="from"/>, <paramref name="to"/>]
    /// (both inclusive), ordered by tax code, form, series and number (the monthly Step 2).</summary>
    Task<IReadOnlyList<StoredInvoice>> InvoicesIssuedAsync(DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>The seller's invoices with this identity (KHMSHDon, KHHDon, SHDon), in the order they were stored.</summary>
    Task<IReadOnlyList<StoredInvoice>> InvoicesNumberedAsync(string taxCode, int? form, string? series, string number,
        CancellationToken ct = default);

    /// <summary>The seller's invoices that replace or adjust (TTHDLQuan) the invoice with this identity, in the order stored.</summary>
    Task<IReadOnlyList<StoredInvoice>> InvoicesRelatedToAsync(string taxCode, int? form, string? series, string number,
        CancellationToken ct = default);

    /// <summary>The accepted 303 entries about these invoices (by MCCQT), oldest first.</summary>
    Task<IReadOnlyList<InvoiceNoticeEntry>> InvoiceNoticesAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default);

    Task AppendJournalAsync(IReadOnlyList<JournalEntry> entries, CancellationToken ct = default);

    Task<IReadOnlyList<JournalEntry>> JournalAsync(JournalQuery query, CancellationToken ct = default);

    /// <summary>Most recent messages first, bodies omitted (Body and Ack empty); only <paramref name="tvanCode"/>'s when given.</summary>
    Task<IReadOnlyList<InboundMessage>> RecentMessagesAsync(int limit, string? tvanCode = null, CancellationToken ct = default);

    Task<StoreCounts> CountsAsync(CancellationToken ct = default);
}

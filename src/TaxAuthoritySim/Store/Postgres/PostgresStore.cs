using System.Collections.Frozen;
using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace ConformanceKit.TaxAuthoritySim.Store.Postgres;

/// <summary>
/// Server store on PostgreSQL (15+), through one <see cref="NpgsqlDataSource"/> (pooled connections).
/// <para>
/// Writes are serialised IN-PROCESS by a <see cref="SemaphoreSlim"/>, exactly like the SQLite store: "check then
/// insert" is atomic and inbox feed positions are handed out in commit order without gaps. This holds for ONE
/// simulator process per database: two processes on one database would hand out clashing feed positions (the unique
/// index on feed_seq turns that into errors, not silent corruption). Reads run concurrently on pooled connections.
/// </para>
/// <para>
/// Durability: every write is committed before the call returns; with the server's default
/// <c>synchronous_commit=on</c> that commit is flushed to the WAL on disk (survives a crash of the server machine).
/// </para>
/// Times are timestamptz (microsecond precision; read back with offset zero).
/// </summary>
public sealed partial class PostgresStore : ISimulatorStore
{
    private const string MessageColumns =
        "seq, message_id, type, sender, tvan_code, tax_code, count, received_at, received_wall_at, due_at, sha256, body, ack, state, processed_at, outcome";

    private const string MessageColumnsNoBodies =
        "seq, message_id, type, sender, tvan_code, tax_code, count, received_at, received_wall_at, due_at, sha256, NULL::bytea, NULL::bytea, state, processed_at, outcome";

    private const string ResponseColumns =
        "seq, feed_seq, response_id, reply_to, type, tvan_code, tax_code, created_at, visible_at, body, summary, callback_state, callback_attempts, next_callback_at, callback_error, email_pending";

    private const string InvoiceColumns =
        "code, tax_code, message_id, idx, form, series, number, issued_on, seller_name, buyer_name, buyer_tax_code, total_before_tax, total_tax, total, currency, stored_at, " +
        "related_kind, related_form, related_series, related_number, related_issued";

    private const string JournalColumns =
        "seq, at, wall_at, direction, type, message_id, reply_to, tax_code, tvan_code, http_status, outcome, latency_seconds, latency_ms";

    private const string InsertResponsesSql =
        "INSERT INTO responses (feed_seq, response_id, reply_to, type, tvan_code, tax_code, created_at, visible_at, body, summary, " +
        "callback_state, callback_attempts, next_callback_at, callback_error, email_pending) " +
        "SELECT feed_seq, response_id, reply_to, type, tvan_code, tax_code, created_at, visible_at, body, summary, " +
        "callback_state, callback_attempts, next_callback_at, callback_error, email_pending " +
        "FROM unnest(@r_feed, @r_rid, @r_reply, @r_type, @r_tvan, @r_tax, @r_created, @r_visible, @r_body, @r_summary, " +
        "@r_cbs, @r_cba, @r_cbn, @r_cbe, @r_email) WITH ORDINALITY " +
        "AS x(feed_seq, response_id, reply_to, type, tvan_code, tax_code, created_at, visible_at, body, summary, " +
        "callback_state, callback_attempts, next_callback_at, callback_error, email_pending, ord) ORDER BY ord";

    private const string JournalUnnest =
        "unnest(@j_at, @j_wall, @j_dir, @j_type, @j_mid, @j_reply, @j_tax, @j_tvan, @j_http, @j_outcome, @j_ls, @j_lms) WITH ORDINALITY " +
        "AS x(at, wall_at, direction, type, message_id, reply_to, tax_code, tvan_code, http_status, outcome, latency_seconds, latency_ms, ord)";

    private const string JournalInsertColumns =
        "INSERT INTO journal (at, wall_at, direction, type, message_id, reply_to, tax_code, tvan_code, http_status, outcome, latency_seconds, latency_ms) " +
        "SELECT at, wall_at, direction, type, message_id, reply_to, tax_code, tvan_code, http_status, outcome, latency_seconds, latency_ms ";

    private const string InsertJournalSql = JournalInsertColumns + "FROM " + JournalUnnest + " ORDER BY ord";

    private const string InsertInvoicesSql =
        $"INSERT INTO invoices ({InvoiceColumns}) SELECT * FROM unnest(@i_code, @i_tax, @i_mid, @i_idx, @i_form, @i_series, @i_number, " +
        "@i_issued, @i_seller, @i_buyer, @i_btax, @i_tbt, @i_tt, @i_total, @i_cur, @i_at, @i_rkind, @i_rform, @i_rseries, @i_rnumber, @i_rissued)";

    private const long MigrationLockKey = 0x434B_5354_4F52_4501; // "CKSTORE" + 1

    private static readonly IReadOnlySet<string> NoCodes = FrozenSet<string>.Empty;

    // CompleteAsync on a message already Processed: nothing written, reported as done (idempotent retry).
    private static readonly CompleteResult AlreadyProcessed = new(true, FrozenSet<string>.Empty);

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _description;

    // Next inbox feed position; 0 = reload from the database before the next write.
    private long _nextFeed;
    private bool _initialized;
    private bool _disposed;

    /// <param name="connectionString">A Npgsql connection string, or a postgres:// / postgresql:// URL.</param>
    public PostgresStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(connectionString));
        if (builder.MaxAutoPrepare == 0)
        {
            // The same few statements run over and over: let Npgsql keep them prepared server-side.
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        // Prepared statements would otherwise settle on a generic plan costed against the tables as
        // they were (empty after a reset): a full scan of invoices per package. Plan each execution.
        if (string.IsNullOrEmpty(builder.Options) || !builder.Options.Contains("plan_cache_mode", StringComparison.Ordinal))
            builder.Options = ((builder.Options ?? "") + " -c plan_cache_mode=force_custom_plan").Trim();

        _description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}" +
                       (string.IsNullOrEmpty(builder.Username) ? "" : $" (user {builder.Username})");
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public string Kind => "postgres";

    public string Description => _description;

    // ---------------------------------------------------------------- schema

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await using var c = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            // Several processes may start at once on an empty database: one migrates at a time.
            await ExecAsync(c, null, $"SELECT pg_advisory_lock({MigrationLockKey})", ct).ConfigureAwait(false);
            try
            {
                await ExecAsync(c, null,
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                    ct).ConfigureAwait(false);
                foreach (var (version, sql) in EmbeddedMigrations.For("postgres"))
                {
                    await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
                    await using (var check = new NpgsqlCommand("SELECT 1 FROM schema_migrations WHERE version = @v", c, tx))
                    {
                        check.Parameters.AddWithValue("v", version);
                        if (await check.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                            continue;
                    }

                    await ExecAsync(c, tx, sql, ct).ConfigureAwait(false);
                    await using (var mark = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@v)", c, tx))
                    {
                        mark.Parameters.AddWithValue("v", version);
                        await mark.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }

                    await tx.CommitAsync(ct).ConfigureAwait(false);
                }
            }
            finally
            {
                await ExecAsync(c, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None).ConfigureAwait(false);
            }

            _nextFeed = await LoadNextFeedAsync(c, ct).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task<long> LoadNextFeedAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT GREATEST(coalesce((SELECT max(feed_seq) FROM responses), 0), coalesce((SELECT value FROM store_state WHERE key = 'feed_floor'), 0)) + 1",
            c);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    // ---------------------------------------------------------------- settings

    public Task<string?> GetSettingAsync(string key, CancellationToken ct = default) =>
        ReadAsync(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand("SELECT value FROM settings WHERE key = @k", c);
            cmd.Parameters.AddWithValue("k", key);
            return await cmd.ExecuteScalarAsync(t).ConfigureAwait(false) as string;
        }, ct);

    public Task SetSettingAsync(string key, string value, CancellationToken ct = default) =>
        WriteAsync(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand(
                "INSERT INTO settings (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", c);
            cmd.Parameters.AddWithValue("k", key);
            cmd.Parameters.AddWithValue("v", value);
            await cmd.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            return 0;
        }, ct);

    public Task ResetAsync(CancellationToken ct = default) =>
        WriteAsync(async (c, t) =>
        {
            await using var tx = await c.BeginTransactionAsync(t).ConfigureAwait(false);
            await using (var floor = new NpgsqlCommand(
                             "INSERT INTO store_state (key, value) VALUES ('feed_floor', @v) " +
                             "ON CONFLICT (key) DO UPDATE SET value = GREATEST(store_state.value, excluded.value)", c, tx))
            {
                floor.Parameters.AddWithValue("v", _nextFeed - 1);
                await floor.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            }

            // TRUNCATE keeps the sequences: seq values are never reused.
            await ExecAsync(c, tx, "TRUNCATE messages, responses, invoices, invoice_notices, journal", t).ConfigureAwait(false);
            await ExecAsync(c, tx, "DELETE FROM settings WHERE key NOT LIKE 'keep.%'", t).ConfigureAwait(false);
            await tx.CommitAsync(t).ConfigureAwait(false);
            return 0;
        }, ct);

    // ---------------------------------------------------------------- messages

    public Task<RecordResult> RecordAsync(InboundMessage message, OutboundResponse ack, IReadOnlyList<JournalEntry> journal,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(ack);
        ArgumentNullException.ThrowIfNull(journal);
        return WriteAsync(async (c, t) =>
        {
            // One statement, one round trip, atomic: the ack and the journal lines are inserted only when the message is.
            var feed = _nextFeed;
            await using var cmd = new NpgsqlCommand(
                "WITH m AS (" +
                "  INSERT INTO messages (message_id, type, sender, tvan_code, tax_code, count, received_at, received_wall_at, due_at, sha256, body, ack, state, processed_at, outcome) " +
                "  VALUES (@id, @type, @sender, @tvan, @tax, @count, @recv, @wall, @due, @sha, @body, @ack, @state, @pat, @outcome) " +
                "  ON CONFLICT (message_id) DO NOTHING RETURNING seq), " +
                "r AS (" +
                "  INSERT INTO responses (feed_seq, response_id, reply_to, type, tvan_code, tax_code, created_at, visible_at, body, summary, " +
                "    callback_state, callback_attempts, next_callback_at, callback_error, email_pending) " +
                "  SELECT @a_feed, @a_rid, @a_reply, @a_type, @a_tvan, @a_tax, @a_created, @a_visible, @a_body, @a_summary, " +
                "    @a_cbs, @a_cba, @a_cbn, @a_cbe, @a_email FROM m), " +
                "j AS (" + JournalInsertColumns + "FROM m, " + JournalUnnest + " ORDER BY ord) " +
                "SELECT seq FROM m", c);
            var p = cmd.Parameters;
            p.Add(Text("id", message.MessageId));
            p.Add(Text("type", message.Type));
            p.Add(Text("sender", message.Sender));
            p.Add(Text("tvan", message.TvanCode));
            p.Add(Text("tax", message.TaxCode));
            p.Add(new NpgsqlParameter<int?>("count", NpgsqlDbType.Integer) { TypedValue = message.Count });
            p.Add(Time("recv", message.ReceivedAt));
            p.Add(Time("wall", message.ReceivedWallAt));
            p.Add(Time("due", message.DueAt));
            p.Add(Text("sha", message.Sha256));
            p.Add(new NpgsqlParameter<byte[]>("body", NpgsqlDbType.Bytea) { TypedValue = message.Body });
            p.Add(new NpgsqlParameter<byte[]>("ack", NpgsqlDbType.Bytea) { TypedValue = message.Ack });
            p.Add(new NpgsqlParameter<int>("state", NpgsqlDbType.Integer) { TypedValue = (int)message.State });
            p.Add(Time("pat", message.ProcessedAt));
            p.Add(Text("outcome", message.Outcome));
            p.Add(new NpgsqlParameter<long>("a_feed", NpgsqlDbType.Bigint) { TypedValue = feed }); // the 999 is visible at once
            p.Add(Text("a_rid", ack.ResponseId));
            p.Add(Text("a_reply", ack.ReplyTo));
            p.Add(Text("a_type", ack.Type));
            p.Add(Text("a_tvan", ack.TvanCode));
            p.Add(Text("a_tax", ack.TaxCode));
            p.Add(Time("a_created", ack.CreatedAt));
            p.Add(Time("a_visible", ack.VisibleAt));
            p.Add(new NpgsqlParameter<byte[]>("a_body", NpgsqlDbType.Bytea) { TypedValue = ack.Body });
            p.Add(Text("a_summary", ack.Summary));
            p.Add(new NpgsqlParameter<int>("a_cbs", NpgsqlDbType.Integer) { TypedValue = (int)ack.Callback });
            p.Add(new NpgsqlParameter<int>("a_cba", NpgsqlDbType.Integer) { TypedValue = ack.CallbackAttempts });
            p.Add(Time("a_cbn", ack.NextCallbackAt));
            p.Add(Text("a_cbe", ack.CallbackError));
            p.Add(new NpgsqlParameter<bool>("a_email", NpgsqlDbType.Boolean) { TypedValue = ack.EmailPending });
            AddJournalArrays(p, journal);
            var seq = await cmd.ExecuteScalarAsync(t).ConfigureAwait(false);
            if (seq is null)
            {
                var existing = (await QueryMessagesAsync(c, $"SELECT {MessageColumns} FROM messages WHERE message_id = @id", true, t,
                    Text("id", message.MessageId)).ConfigureAwait(false)).Single();
                return new RecordResult(false, existing, existing.Seq);
            }

            _nextFeed = feed + 1;
            return new RecordResult(true, null, (long)seq);
        }, ct);
    }

    public Task<InboundMessage?> GetMessageAsync(string messageId, CancellationToken ct = default) =>
        ReadAsync(async (c, t) => (await QueryMessagesAsync(c, $"SELECT {MessageColumns} FROM messages WHERE message_id = @id", true, t,
            Text("id", messageId)).ConfigureAwait(false)).SingleOrDefault(), ct);

    public Task<IReadOnlyList<InboundMessage>> PendingAsync(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<InboundMessage>>(async (c, t) =>
            await QueryMessagesAsync(c, $"SELECT {MessageColumns} FROM messages WHERE state = 0 ORDER BY seq", true, t).ConfigureAwait(false), ct);

    public Task<IReadOnlyList<InboundMessage>> RecentMessagesAsync(int limit, string? tvanCode = null, CancellationToken ct = default) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<InboundMessage>>([])
            : ReadAsync<IReadOnlyList<InboundMessage>>(async (c, t) =>
                await QueryMessagesAsync(c,
                    $"SELECT {MessageColumnsNoBodies} FROM messages WHERE (@tvan::text IS NULL OR tvan_code = @tvan) ORDER BY seq DESC LIMIT @limit",
                    false, t,
                    new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit },
                    new NpgsqlParameter<string?>("tvan", NpgsqlDbType.Text) { TypedValue = tvanCode }).ConfigureAwait(false), ct);

    // ---------------------------------------------------------------- invoices

    public Task<IReadOnlySet<string>> StoredCodesAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return codes.Count == 0 ? Task.FromResult(NoCodes) : ReadAsync((c, t) => StoredCodesAsync(c, codes, t), ct);
    }

    private static async Task<IReadOnlySet<string>> StoredCodesAsync(NpgsqlConnection c, IEnumerable<string> codes, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT code FROM invoices WHERE code = ANY(@codes)", c);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("codes", NpgsqlDbType.Array | NpgsqlDbType.Text)
            { TypedValue = codes.Distinct(StringComparer.Ordinal).ToArray() });
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            found.Add(r.GetString(0));
        return found;
    }

    public Task<CompleteResult> CompleteAsync(Completion completion, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        EnsureDistinctCodes(completion);
        return WriteAsync(async (c, t) =>
        {
            var feed = _nextFeed;
            await using var batch = new NpgsqlBatch(c);
            var mark = new NpgsqlBatchCommand(
                "UPDATE messages SET state = 1, processed_at = @pat, outcome = @outcome WHERE message_id = @id AND state = 0");
            mark.Parameters.Add(Time("pat", completion.ProcessedAt));
            mark.Parameters.Add(Text("outcome", completion.Outcome));
            mark.Parameters.Add(Text("id", completion.MessageId));
            batch.BatchCommands.Add(mark);
            if (completion.Invoices.Count > 0)
                batch.BatchCommands.Add(InsertInvoices(completion.Invoices));
            if (completion.Notices.Count > 0)
                batch.BatchCommands.Add(InsertNotices(completion.Notices));
            if (completion.Responses.Count > 0)
                batch.BatchCommands.Add(InsertResponses(completion.Responses, now, ref feed));
            if (completion.Journal.Count > 0)
                batch.BatchCommands.Add(InsertJournal(completion.Journal));

            await using var tx = await c.BeginTransactionAsync(t).ConfigureAwait(false);
            batch.Transaction = tx;
            try
            {
                await batch.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "invoices_pkey")
            {
                // Stored meanwhile (or by another process): nothing was written; report the conflicts.
                await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                if (!await IsReceivedAsync(c, completion.MessageId, t).ConfigureAwait(false))
                    return AlreadyProcessed;
                var conflicts = await StoredCodesAsync(c, completion.Invoices.Select(i => i.Code), t).ConfigureAwait(false);
                if (conflicts.Count == 0)
                    throw;
                return new CompleteResult(false, conflicts);
            }

            if (mark.RecordsAffected == 0)
            {
                await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                if (await IsReceivedAsync(c, completion.MessageId, t).ConfigureAwait(false))
                    throw new InvalidOperationException($"cannot complete {completion.MessageId}: its state changed meanwhile");
                return AlreadyProcessed; // completed before (a retry): it is done, write nothing more
            }

            await tx.CommitAsync(t).ConfigureAwait(false);
            _nextFeed = feed;
            return new CompleteResult(true, NoCodes);
        }, ct);
    }

    private static void EnsureDistinctCodes(Completion completion)
    {
        if (completion.Invoices.Count < 2)
            return;
        var seen = new HashSet<string>(completion.Invoices.Count, StringComparer.Ordinal);
        foreach (var i in completion.Invoices)
            if (!seen.Add(i.Code))
                throw new ArgumentException(
                    $"completion of {completion.MessageId} carries the code {i.Code} twice (a package repeating a code must be refused, 7006, not stored)",
                    nameof(completion));
    }

    /// <summary>True when the message is still Received, false when already Processed; throws when it was never recorded.</summary>
    private static async Task<bool> IsReceivedAsync(NpgsqlConnection c, string messageId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT state FROM messages WHERE message_id = @id", c);
        cmd.Parameters.Add(Text("id", messageId));
        var state = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        if (state is null)
            throw new InvalidOperationException($"cannot complete {messageId}: no such message was recorded");
        return Convert.ToInt32(state, CultureInfo.InvariantCulture) == (int)MessageState.Received;
    }

    private static NpgsqlBatchCommand InsertInvoices(IReadOnlyList<StoredInvoice> invoices)
    {
        var n = invoices.Count;
        var code = new string[n];
        var tax = new string[n];
        var mid = new string[n];
        var idx = new int[n];
        var form = new int?[n];
        var series = new string?[n];
        var number = new string?[n];
        var issued = new DateOnly?[n];
        var seller = new string?[n];
        var buyer = new string?[n];
        var btax = new string?[n];
        var tbt = new decimal?[n];
        var tt = new decimal?[n];
        var total = new decimal?[n];
        var cur = new string?[n];
        var at = new DateTime[n];
        var rkind = new int?[n];
        var rform = new string?[n];
        var rseries = new string?[n];
        var rnumber = new string?[n];
        var rissued = new DateOnly?[n];
        for (var k = 0; k < n; k++)
        {
            var i = invoices[k];
            code[k] = i.Code;
            tax[k] = i.TaxCode;
            mid[k] = i.MessageId;
            idx[k] = i.Index;
            form[k] = i.Form;
            series[k] = i.Series;
            number[k] = i.Number;
            issued[k] = i.IssuedOn;
            seller[k] = i.SellerName;
            buyer[k] = i.BuyerName;
            btax[k] = i.BuyerTaxCode;
            tbt[k] = i.TotalBeforeTax;
            tt[k] = i.TotalTax;
            total[k] = i.Total;
            cur[k] = i.Currency;
            at[k] = i.StoredAt.UtcDateTime;
            rkind[k] = i.RelationKind;
            rform[k] = i.RelatedForm;
            rseries[k] = i.RelatedSeries;
            rnumber[k] = i.RelatedNumber;
            rissued[k] = i.RelatedIssuedOn;
        }

        var cmd = new NpgsqlBatchCommand(InsertInvoicesSql);
        var p = cmd.Parameters;
        p.Add(TextArray("i_code", code));
        p.Add(TextArray("i_tax", tax));
        p.Add(TextArray("i_mid", mid));
        p.Add(new NpgsqlParameter<int[]>("i_idx", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = idx });
        p.Add(new NpgsqlParameter<int?[]>("i_form", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = form });
        p.Add(TextArray("i_series", series));
        p.Add(TextArray("i_number", number));
        p.Add(new NpgsqlParameter<DateOnly?[]>("i_issued", NpgsqlDbType.Array | NpgsqlDbType.Date) { TypedValue = issued });
        p.Add(TextArray("i_seller", seller));
        p.Add(TextArray("i_buyer", buyer));
        p.Add(TextArray("i_btax", btax));
        p.Add(new NpgsqlParameter<decimal?[]>("i_tbt", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { TypedValue = tbt });
        p.Add(new NpgsqlParameter<decimal?[]>("i_tt", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { TypedValue = tt });
        p.Add(new NpgsqlParameter<decimal?[]>("i_total", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { TypedValue = total });
        p.Add(TextArray("i_cur", cur));
        p.Add(new NpgsqlParameter<DateTime[]>("i_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = at });
        p.Add(new NpgsqlParameter<int?[]>("i_rkind", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = rkind });
        p.Add(TextArray("i_rform", rform));
        p.Add(TextArray("i_rseries", rseries));
        p.Add(TextArray("i_rnumber", rnumber));
        p.Add(new NpgsqlParameter<DateOnly?[]>("i_rissued", NpgsqlDbType.Array | NpgsqlDbType.Date) { TypedValue = rissued });
        return cmd;
    }

    /// <summary>Responses whose VisibleAt is not after <paramref name="now"/> take the next feed positions.</summary>
    private static NpgsqlBatchCommand InsertResponses(IReadOnlyList<OutboundResponse> responses, DateTimeOffset now, ref long feed)
    {
        var n = responses.Count;
        var feeds = new long?[n];
        var rid = new string[n];
        var reply = new string[n];
        var type = new string[n];
        var tvan = new string[n];
        var tax = new string?[n];
        var created = new DateTime[n];
        var visible = new DateTime[n];
        var body = new byte[n][];
        var summary = new string?[n];
        var cbs = new int[n];
        var cba = new int[n];
        var cbn = new DateTime?[n];
        var cbe = new string?[n];
        var email = new bool[n];
        for (var k = 0; k < n; k++)
        {
            var r = responses[k];
            feeds[k] = r.VisibleAt <= now ? feed++ : null;
            rid[k] = r.ResponseId;
            reply[k] = r.ReplyTo;
            type[k] = r.Type;
            tvan[k] = r.TvanCode;
            tax[k] = r.TaxCode;
            created[k] = r.CreatedAt.UtcDateTime;
            visible[k] = r.VisibleAt.UtcDateTime;
            body[k] = r.Body;
            summary[k] = r.Summary;
            cbs[k] = (int)r.Callback;
            cba[k] = r.CallbackAttempts;
            cbn[k] = r.NextCallbackAt?.UtcDateTime;
            cbe[k] = r.CallbackError;
            email[k] = r.EmailPending;
        }

        var cmd = new NpgsqlBatchCommand(InsertResponsesSql);
        var p = cmd.Parameters;
        p.Add(new NpgsqlParameter<long?[]>("r_feed", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = feeds });
        p.Add(TextArray("r_rid", rid));
        p.Add(TextArray("r_reply", reply));
        p.Add(TextArray("r_type", type));
        p.Add(TextArray("r_tvan", tvan));
        p.Add(TextArray("r_tax", tax));
        p.Add(new NpgsqlParameter<DateTime[]>("r_created", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = created });
        p.Add(new NpgsqlParameter<DateTime[]>("r_visible", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = visible });
        p.Add(new NpgsqlParameter<byte[][]>("r_body", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = body });
        p.Add(TextArray("r_summary", summary));
        p.Add(new NpgsqlParameter<int[]>("r_cbs", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = cbs });
        p.Add(new NpgsqlParameter<int[]>("r_cba", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = cba });
        p.Add(new NpgsqlParameter<DateTime?[]>("r_cbn", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = cbn });
        p.Add(TextArray("r_cbe", cbe));
        p.Add(new NpgsqlParameter<bool[]>("r_email", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { TypedValue = email });
        return cmd;
    }

    private static NpgsqlBatchCommand InsertJournal(IReadOnlyList<JournalEntry> entries)
    {
        var cmd = new NpgsqlBatchCommand(InsertJournalSql);
        AddJournalArrays(cmd.Parameters, entries);
        return cmd;
    }

    private static void AddJournalArrays(NpgsqlParameterCollection p, IReadOnlyList<JournalEntry> entries)
    {
        var n = entries.Count;
        var at = new DateTime[n];
        var wall = new DateTime[n];
        var dir = new string[n];
        var type = new string[n];
        var mid = new string?[n];
        var reply = new string?[n];
        var tax = new string?[n];
        var tvan = new string?[n];
        var http = new int?[n];
        var outcome = new string?[n];
        var ls = new double?[n];
        var lms = new double?[n];
        for (var k = 0; k < n; k++)
        {
            var j = entries[k];
            at[k] = j.At.UtcDateTime;
            wall[k] = j.WallAt.UtcDateTime;
            dir[k] = j.Direction;
            type[k] = j.Type;
            mid[k] = j.MessageId;
            reply[k] = j.ReplyTo;
            tax[k] = j.TaxCode;
            tvan[k] = j.TvanCode;
            http[k] = j.HttpStatus;
            outcome[k] = j.Outcome;
            ls[k] = j.LatencySeconds;
            lms[k] = j.LatencyMs;
        }

        p.Add(new NpgsqlParameter<DateTime[]>("j_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = at });
        p.Add(new NpgsqlParameter<DateTime[]>("j_wall", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = wall });
        p.Add(TextArray("j_dir", dir));
        p.Add(TextArray("j_type", type));
        p.Add(TextArray("j_mid", mid));
        p.Add(TextArray("j_reply", reply));
        p.Add(TextArray("j_tax", tax));
        p.Add(TextArray("j_tvan", tvan));
        p.Add(new NpgsqlParameter<int?[]>("j_http", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = http });
        p.Add(TextArray("j_outcome", outcome));
        p.Add(new NpgsqlParameter<double?[]>("j_ls", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = ls });
        p.Add(new NpgsqlParameter<double?[]>("j_lms", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = lms });
    }

    public Task<StoredInvoice?> GetInvoiceAsync(string taxCode, string code, CancellationToken ct = default) =>
        ReadAsync(async (c, t) => (await QueryInvoicesAsync(c, $"SELECT {InvoiceColumns} FROM invoices WHERE code = @code AND tax_code = @tax", t,
            Text("code", code), Text("tax", taxCode)).ConfigureAwait(false)).SingleOrDefault(), ct);

    public Task<IReadOnlyList<StoredInvoice>> InvoicesOfAsync(string messageId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<StoredInvoice>>(async (c, t) =>
            await QueryInvoicesAsync(c, $"SELECT {InvoiceColumns} FROM invoices WHERE message_id = @id ORDER BY idx", t,
                Text("id", messageId)).ConfigureAwait(false), ct);

    public Task<IReadOnlyList<StoredInvoice>> InvoicesIssuedAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<StoredInvoice>>(async (c, t) =>
            await QueryInvoicesAsync(c,
                $"SELECT {InvoiceColumns} FROM invoices WHERE issued_on >= @from AND issued_on <= @to " +
                "ORDER BY tax_code COLLATE \"C\", form, series COLLATE \"C\", length(number), number COLLATE \"C\", code COLLATE \"C\"", t,
                new NpgsqlParameter<DateOnly>("from", NpgsqlDbType.Date) { TypedValue = from },
                new NpgsqlParameter<DateOnly>("to", NpgsqlDbType.Date) { TypedValue = to }).ConfigureAwait(false), ct);

    // ---------------------------------------------------------------- responses

    public Task AddResponsesAsync(IReadOnlyList<OutboundResponse> responses, IReadOnlyList<JournalEntry> journal, DateTimeOffset now,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(journal);
        if (responses.Count == 0 && journal.Count == 0)
            return Task.CompletedTask;
        return WriteAsync(async (c, t) =>
        {
            var feed = _nextFeed;
            await using var batch = new NpgsqlBatch(c);
            if (responses.Count > 0)
                batch.BatchCommands.Add(InsertResponses(responses, now, ref feed));
            if (journal.Count > 0)
                batch.BatchCommands.Add(InsertJournal(journal));
            // A batch of several statements runs in one implicit transaction: all or nothing.
            await batch.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            _nextFeed = feed;
            return 0;
        }, ct);
    }

    public Task<int> ReleaseDueResponsesAsync(DateTimeOffset now, CancellationToken ct = default) =>
        WriteAsync(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand(
                "WITH due AS (SELECT seq, row_number() OVER (ORDER BY created_at, seq) AS rn FROM responses " +
                "             WHERE feed_seq IS NULL AND visible_at <= @now) " +
                "UPDATE responses SET feed_seq = @base + due.rn - 1 FROM due WHERE responses.seq = due.seq", c);
            cmd.Parameters.Add(Time("now", now));
            cmd.Parameters.Add(new NpgsqlParameter<long>("base", NpgsqlDbType.Bigint) { TypedValue = _nextFeed });
            var n = await cmd.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            _nextFeed += n;
            return n;
        }, ct);

    public Task<int> ReleaseDueResponsesAsync(DateTimeOffset now, string tvanCode, CancellationToken ct = default) =>
        WriteAsync(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand(
                "WITH due AS (SELECT seq, row_number() OVER (ORDER BY created_at, seq) AS rn FROM responses " +
                "             WHERE feed_seq IS NULL AND visible_at <= @now AND tvan_code = @tvan) " +
                "UPDATE responses SET feed_seq = @base + due.rn - 1 FROM due WHERE responses.seq = due.seq", c);
            cmd.Parameters.Add(Time("now", now));
            cmd.Parameters.Add(Text("tvan", tvanCode));
            cmd.Parameters.Add(new NpgsqlParameter<long>("base", NpgsqlDbType.Bigint) { TypedValue = _nextFeed });
            var n = await cmd.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            _nextFeed += n;
            return n;
        }, ct);

    public Task<IReadOnlyList<OutboundResponse>> ResponsesToAsync(string messageId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<OutboundResponse>>(async (c, t) => await QueryResponsesAsync(c,
            $"SELECT {ResponseColumns} FROM responses WHERE reply_to = @id AND feed_seq IS NOT NULL ORDER BY created_at, seq", t,
            Text("id", messageId)).ConfigureAwait(false), ct);

    public Task<IReadOnlyList<OutboundResponse>> InboxAsync(string tvanCode, long after, int limit, CancellationToken ct = default) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<OutboundResponse>>([])
            : ReadAsync<IReadOnlyList<OutboundResponse>>(async (c, t) => await QueryResponsesAsync(c,
                $"SELECT {ResponseColumns} FROM responses WHERE tvan_code = @tvan AND feed_seq IS NOT NULL AND feed_seq > @after " +
                "ORDER BY feed_seq LIMIT @limit", t,
                Text("tvan", tvanCode), new NpgsqlParameter<long>("after", NpgsqlDbType.Bigint) { TypedValue = after },
                new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit }).ConfigureAwait(false), ct);

    public Task<IReadOnlyList<OutboundResponse>> DueCallbacksAsync(DateTimeOffset now, int limit, CancellationToken ct = default) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<OutboundResponse>>([])
            : ReadAsync<IReadOnlyList<OutboundResponse>>(async (c, t) => await QueryResponsesAsync(c,
                $"SELECT {ResponseColumns} FROM responses WHERE callback_state = 1 AND feed_seq IS NOT NULL " +
                "AND (next_callback_at IS NULL OR next_callback_at <= @now) ORDER BY feed_seq LIMIT @limit", t,
                Time("now", now), new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit }).ConfigureAwait(false), ct);

    public Task UpdateCallbackAsync(long seq, CallbackState state, int attempts, DateTimeOffset? nextAttemptAt, string? error,
        CancellationToken ct = default) =>
        WriteAsync(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand(
                "UPDATE responses SET callback_state = @s, callback_attempts = @a, next_callback_at = @n, callback_error = @e WHERE seq = @seq", c);
            cmd.Parameters.Add(new NpgsqlParameter<int>("s", NpgsqlDbType.Integer) { TypedValue = (int)state });
            cmd.Parameters.Add(new NpgsqlParameter<int>("a", NpgsqlDbType.Integer) { TypedValue = attempts });
            cmd.Parameters.Add(Time("n", nextAttemptAt));
            cmd.Parameters.Add(Text("e", error));
            cmd.Parameters.Add(new NpgsqlParameter<long>("seq", NpgsqlDbType.Bigint) { TypedValue = seq });
            await cmd.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            return 0;
        }, ct);

    public Task<IReadOnlyList<OutboundResponse>> PendingEmailsAsync(int limit, CancellationToken ct = default) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<OutboundResponse>>([])
            : ReadAsync<IReadOnlyList<OutboundResponse>>(async (c, t) => await QueryResponsesAsync(c,
                $"SELECT {ResponseColumns} FROM responses WHERE email_pending AND feed_seq IS NOT NULL ORDER BY feed_seq LIMIT @limit", t,
                new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit }).ConfigureAwait(false), ct);

    public Task MarkEmailedAsync(long seq, CancellationToken ct = default) =>
        WriteAsync(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand("UPDATE responses SET email_pending = false WHERE seq = @seq", c);
            cmd.Parameters.Add(new NpgsqlParameter<long>("seq", NpgsqlDbType.Bigint) { TypedValue = seq });
            await cmd.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            return 0;
        }, ct);

    // ---------------------------------------------------------------- journal and counts

    public Task AppendJournalAsync(IReadOnlyList<JournalEntry> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
            return Task.CompletedTask;
        return WriteAsync(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand(InsertJournalSql, c);
            AddJournalArrays(cmd.Parameters, entries);
            await cmd.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            return 0;
        }, ct);
    }

    public Task<IReadOnlyList<JournalEntry>> JournalAsync(JournalQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0)
            return Task.FromResult<IReadOnlyList<JournalEntry>>([]);
        return ReadAsync<IReadOnlyList<JournalEntry>>(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand { Connection = c };
            var sql = $"SELECT {JournalColumns} FROM journal WHERE seq > @after";
            if (query.TaxCode is not null)
            {
                sql += " AND tax_code = @tax";
                cmd.Parameters.Add(Text("tax", query.TaxCode));
            }

            if (query.Type is not null)
            {
                sql += " AND type = @type";
                cmd.Parameters.Add(Text("type", query.Type));
            }

            cmd.CommandText = sql + " ORDER BY seq LIMIT @limit";
            cmd.Parameters.Add(new NpgsqlParameter<long>("after", NpgsqlDbType.Bigint) { TypedValue = query.After });
            cmd.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = query.Limit });
            var list = new List<JournalEntry>();
            await using var r = await cmd.ExecuteReaderAsync(t).ConfigureAwait(false);
            while (await r.ReadAsync(t).ConfigureAwait(false))
                list.Add(StoreRows.Journal(r, PostgresRows.Dialect));
            return list;
        }, ct);
    }

    public Task<StoreCounts> CountsAsync(CancellationToken ct = default) =>
        ReadAsync(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM messages WHERE state = 0), (SELECT count(*) FROM invoices), " +
                "(SELECT count(*) FROM responses), (SELECT count(*) FROM responses WHERE callback_state = 1)", c);
            await using var r = await cmd.ExecuteReaderAsync(t).ConfigureAwait(false);
            await r.ReadAsync(t).ConfigureAwait(false);
            return new StoreCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
        }, ct);

    // ---------------------------------------------------------------- helpers

    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_initialized)
                throw new InvalidOperationException("PostgresStore: call InitializeAsync first");
            await using var c = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            if (_nextFeed == 0)
                _nextFeed = await LoadNextFeedAsync(c, ct).ConfigureAwait(false);
            try
            {
                // Once the write started it runs to its end: a cancelled commit would leave its outcome unknown.
                return await work(c, CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                _nextFeed = 0; // unknown after a failed write: reload
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
            throw new InvalidOperationException("PostgresStore: call InitializeAsync first");
        await using var c = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await work(c, ct).ConfigureAwait(false);
    }

    private static async Task ExecAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.UtcDateTime : DBNull.Value };

    private static NpgsqlParameter TextArray(string name, string?[] values) =>
        new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values };

    private static async Task<List<InboundMessage>> QueryMessagesAsync(NpgsqlConnection c, string sql, bool bodies, CancellationToken ct,
        params NpgsqlParameter[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddRange(parameters);
        var list = new List<InboundMessage>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            list.Add(StoreRows.Message(r, PostgresRows.Dialect, bodies));
        return list;
    }

    private static async Task<List<OutboundResponse>> QueryResponsesAsync(NpgsqlConnection c, string sql, CancellationToken ct,
        params NpgsqlParameter[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddRange(parameters);
        var list = new List<OutboundResponse>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            list.Add(StoreRows.Response(r, PostgresRows.Dialect));
        return list;
    }

    private static async Task<List<StoredInvoice>> QueryInvoicesAsync(NpgsqlConnection c, string sql, CancellationToken ct,
        params NpgsqlParameter[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddRange(parameters);
        var list = new List<StoredInvoice>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            list.Add(StoreRows.Invoice(r, PostgresRows.Dialect));
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}

/// <summary>Turns a postgres:// or postgresql:// URL into a Npgsql connection string.</summary>
public static class PostgresConnectionString
{
    /// <summary>
    /// <c>postgres://user:pass@host:port/db?sslmode=require&amp;application_name=x</c> (also <c>postgresql://</c>;
    /// user, password, port, database and parameters optional; percent-encoding decoded) becomes
    /// <c>Host=host;Port=port;Username=user;Password=pass;Database=db;SSL Mode=Require;Application Name=x</c>.
    /// Anything else is returned unchanged (taken as a Npgsql connection string).
    /// </summary>
    public static string Normalize(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var s = value.Trim();
        if (!s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) &&
            !s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return s;

        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri))
            throw new ArgumentException("not a valid PostgreSQL URL (expected postgres://user:pass@host:port/db)", nameof(value));

        var b = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.Host.Trim('[', ']'),
        };
        if (uri.Port > 0)
            b.Port = uri.Port;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':');
            b.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
                b.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
            b.Database = database;

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).Replace('+', ' ');
            var val = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            try
            {
                if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
                    b.SslMode = val.ToLowerInvariant() switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new ArgumentException($"unknown sslmode {val}"),
                    };
                else
                    b[key.Replace('_', ' ')] = val;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ArgumentException($"PostgreSQL URL parameter \"{key}\" is not supported ({e.Message})", nameof(value), e);
            }
        }

        return b.ConnectionString;
    }
}

using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.TaxAuthoritySim.Store.Sqlite;

/// <summary>
/// Embedded store: one SQLite file in WAL mode.
/// <para>
/// Every write goes through ONE writer connection guarded by a <see cref="SemaphoreSlim"/> (SQLite has a single
/// writer anyway): "check then insert" steps are atomic and inbox feed positions are handed out in commit order,
/// without gaps. Reads use separate pooled connections and see the last committed state (WAL readers never block
/// the writer nor each other). One simulator process per database file.
/// </para>
/// <para>
/// Durability: <c>synchronous=NORMAL</c> (default) makes each commit durable against a crash or kill -9 of the
/// process (the WAL is written to the OS before the commit returns), which is the simulator's requirement; a power
/// loss or OS crash may lose the last commits. <c>fullSync: true</c> selects <c>synchronous=FULL</c> (fsync of the
/// WAL at every commit), needed to survive power loss, at a cost per transaction.
/// </para>
/// <para>
/// Checkpoints use SQLite's default (automatic PASSIVE checkpoint by the committing writer once the WAL passes 1,000
/// pages). Moving them to a background connection was measured and did not pay off here.
/// </para>
/// Times are stored as UTC ticks (INTEGER) and read back with offset zero (same instant).
/// </summary>
public sealed partial class SqliteStore : ISimulatorStore
{
    static SqliteStore() => SQLitePCL.Batteries_V2.Init();

    private const string MessageColumns =
        "seq, message_id, type, sender, tvan_code, tax_code, count, received_at, received_wall_at, due_at, sha256, body, ack, state, processed_at, outcome";

    private const string MessageColumnsNoBodies =
        "seq, message_id, type, sender, tvan_code, tax_code, count, received_at, received_wall_at, due_at, sha256, NULL, NULL, state, processed_at, outcome";

    private const string ResponseColumns =
        "seq, feed_seq, response_id, reply_to, type, tvan_code, tax_code, created_at, visible_at, body, summary, callback_state, callback_attempts, next_callback_at, callback_error, email_pending";

    private const string InvoiceColumns =
        "code, tax_code, message_id, idx, form, series, number, issued_on, seller_name, buyer_name, buyer_tax_code, total_before_tax, total_tax, total, currency, stored_at, " +
        "related_kind, related_form, related_series, related_number, related_issued";

    private const string JournalColumns =
        "seq, at, wall_at, direction, type, message_id, reply_to, tax_code, tvan_code, http_status, outcome, latency_seconds, latency_ms";

    private static readonly IReadOnlySet<string> NoCodes = FrozenSet<string>.Empty;

    // CompleteAsync on a message already Processed: nothing written, reported as done (idempotent retry).
    private static readonly CompleteResult AlreadyProcessed = new(true, FrozenSet<string>.Empty);

    private readonly string _path;
    private readonly bool _fullSync;
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, Prepared> _prepared = new(StringComparer.Ordinal);

    private SqliteConnection? _writer;

    // Next inbox feed position; 0 = reload from the database before the next write (after a failed write).
    private long _nextFeed;
    private bool _disposed;

    /// <param name="databasePath">The database file; its directory is created when missing.</param>
    /// <param name="fullSync">synchronous=FULL (durable against power loss) instead of NORMAL (durable against a
    /// process crash).</param>
    public SqliteStore(string databasePath, bool fullSync = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _path = Path.GetFullPath(databasePath);
        _fullSync = fullSync;
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);

        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Kind => "sqlite";

    public string Description => _fullSync ? $"SQLite {_path} (synchronous=FULL)" : $"SQLite {_path}";

    /// <summary>The database file.</summary>
    public string DatabasePath => _path;

    // ---------------------------------------------------------------- schema

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is null)
            {
                var writer = new SqliteConnection(_writeConnectionString);
                writer.Open();
                try
                {
                    Exec(writer, "PRAGMA journal_mode=WAL;");
                    Exec(writer, _fullSync ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
                    Exec(writer, "PRAGMA busy_timeout=10000;");
                    Exec(writer, "PRAGMA cache_size=-32768;");
                    Exec(writer, "PRAGMA temp_store=MEMORY;");
                    Exec(writer, "PRAGMA journal_size_limit=67108864;");
                }
                catch
                {
                    writer.Dispose();
                    throw;
                }

                _writer = writer;
            }

            Migrate(_writer);
            _nextFeed = LoadNextFeed(_writer);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void Migrate(SqliteConnection c)
    {
        Exec(c, "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL);");
        foreach (var (version, sql) in EmbeddedMigrations.For("sqlite"))
        {
            using var tx = c.BeginTransaction();
            using (var check = c.CreateCommand())
            {
                check.Transaction = tx;
                check.CommandText = "SELECT 1 FROM schema_migrations WHERE version = $v";
                check.Parameters.AddWithValue("$v", version);
                if (check.ExecuteScalar() is not null)
                    continue; // already applied; the transaction is rolled back by Dispose
            }

            using (var run = c.CreateCommand())
            {
                run.Transaction = tx;
                run.CommandText = sql;
                run.ExecuteNonQuery();
            }

            using (var mark = c.CreateCommand())
            {
                mark.Transaction = tx;
                mark.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $at)";
                mark.Parameters.AddWithValue("$v", version);
                mark.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                mark.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    private static long LoadNextFeed(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText =
            "SELECT max(coalesce((SELECT max(feed_seq) FROM responses), 0), coalesce((SELECT value FROM store_state WHERE key = 'feed_floor'), 0)) + 1";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    // ---------------------------------------------------------------- settings

    public Task<string?> GetSettingAsync(string key, CancellationToken ct = default) =>
        ReadAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT value FROM settings WHERE key = $k";
            cmd.Parameters.AddWithValue("$k", key);
            return cmd.ExecuteScalar() as string;
        }, ct);

    public Task SetSettingAsync(string key, string value, CancellationToken ct = default) =>
        WriteAsync(c =>
        {
            var cmd = Cmd("INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                "$k", "$v");
            cmd.Run(null, key, value);
            return 0;
        }, ct);

    public Task ResetAsync(CancellationToken ct = default) =>
        WriteAsync(c =>
        {
            using var tx = c.BeginTransaction();
            Exec(c, tx, $"INSERT INTO store_state (key, value) VALUES ('feed_floor', {_nextFeed - 1}) " +
                        "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)");
            Exec(c, tx, "DELETE FROM messages");
            Exec(c, tx, "DELETE FROM responses");
            Exec(c, tx, "DELETE FROM invoices");
            Exec(c, tx, "DELETE FROM invoice_notices");
            Exec(c, tx, "DELETE FROM journal");
            Exec(c, tx, "DELETE FROM settings WHERE substr(key, 1, 5) <> 'keep.'");
            tx.Commit();
            return 0;
        }, ct);

    // ---------------------------------------------------------------- messages

    public Task<RecordResult> RecordAsync(InboundMessage message, OutboundResponse ack, IReadOnlyList<JournalEntry> journal,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(ack);
        ArgumentNullException.ThrowIfNull(journal);
        return WriteAsync(c =>
        {
            using var tx = c.BeginTransaction();
            var insert = Cmd(
                "INSERT INTO messages (message_id, type, sender, tvan_code, tax_code, count, received_at, received_wall_at, due_at, sha256, body, ack, state, processed_at, outcome) " +
                "VALUES ($id, $type, $sender, $tvan, $tax, $count, $recv, $wall, $due, $sha, $body, $ack, $state, $pat, $outcome) " +
                "ON CONFLICT (message_id) DO NOTHING RETURNING seq",
                "$id", "$type", "$sender", "$tvan", "$tax", "$count", "$recv", "$wall", "$due", "$sha", "$body", "$ack", "$state", "$pat", "$outcome");
            var seq = insert.Scalar(tx, message.MessageId, message.Type, message.Sender, message.TvanCode, message.TaxCode, message.Count,
                T(message.ReceivedAt), T(message.ReceivedWallAt), T(message.DueAt), message.Sha256, message.Body, message.Ack,
                (int)message.State, T(message.ProcessedAt), message.Outcome);
            if (seq is null)
            {
                tx.Rollback();
                var existing = QueryMessages(c, null, $"SELECT {MessageColumns} FROM messages WHERE message_id = $id", true,
                    ("$id", message.MessageId)).Single();
                return new RecordResult(false, existing, existing.Seq);
            }

            var feed = _nextFeed;
            InsertResponse(tx, ack, feed++); // the 999 is visible at once
            InsertJournal(tx, journal);
            tx.Commit();
            _nextFeed = feed;
            return new RecordResult(true, null, Convert.ToInt64(seq, CultureInfo.InvariantCulture));
        }, ct);
    }

    public Task<InboundMessage?> GetMessageAsync(string messageId, CancellationToken ct = default) =>
        ReadAsync(c => QueryMessages(c, null, $"SELECT {MessageColumns} FROM messages WHERE message_id = $id", true, ("$id", messageId))
            .SingleOrDefault(), ct);

    public Task<IReadOnlyList<InboundMessage>> PendingAsync(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<InboundMessage>>(c =>
            QueryMessages(c, null, $"SELECT {MessageColumns} FROM messages WHERE state = 0 ORDER BY seq", true), ct);

    public Task<IReadOnlyList<InboundMessage>> RecentMessagesAsync(int limit, string? tvanCode = null, CancellationToken ct = default) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<InboundMessage>>([])
            : tvanCode is null
                ? ReadAsync<IReadOnlyList<InboundMessage>>(c =>
                    QueryMessages(c, null, $"SELECT {MessageColumnsNoBodies} FROM messages ORDER BY seq DESC LIMIT $limit", false,
                        ("$limit", limit)), ct)
                : ReadAsync<IReadOnlyList<InboundMessage>>(c =>
                    QueryMessages(c, null, $"SELECT {MessageColumnsNoBodies} FROM messages WHERE tvan_code = $tvan ORDER BY seq DESC LIMIT $limit",
                        false, ("$limit", limit), ("$tvan", tvanCode)), ct);

    // ---------------------------------------------------------------- invoices

    public Task<IReadOnlySet<string>> StoredCodesAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return codes.Count == 0 ? Task.FromResult(NoCodes) : ReadAsync(c => StoredCodes(c, null, codes), ct);
    }

    private static IReadOnlySet<string> StoredCodes(SqliteConnection c, SqliteTransaction? tx, IEnumerable<string> codes)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT code FROM invoices WHERE code IN (SELECT value FROM json_each($codes))";
        cmd.Parameters.AddWithValue("$codes", JsonSerializer.Serialize(codes.Distinct(StringComparer.Ordinal).ToArray()));
        var found = new HashSet<string>(StringComparer.Ordinal);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
            found.Add(reader.GetString(0));
        return found;
    }

    public Task<CompleteResult> CompleteAsync(Completion completion, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        EnsureDistinctCodes(completion);
        return WriteAsync(c =>
        {
            using var tx = c.BeginTransaction();
            var mark = Cmd("UPDATE messages SET state = 1, processed_at = $pat, outcome = $outcome WHERE message_id = $id AND state = 0",
                "$pat", "$outcome", "$id");
            if (mark.Run(tx, T(completion.ProcessedAt), completion.Outcome, completion.MessageId) == 0)
            {
                tx.Rollback();
                EnsureRecorded(c, completion.MessageId);
                return AlreadyProcessed; // completed before (a retry): it is done, write nothing more
            }

            if (completion.Invoices.Count > 0)
            {
                var insert = Cmd(
                    $"INSERT INTO invoices ({InvoiceColumns}) VALUES ($code, $tax, $mid, $idx, $form, $series, $number, $issued, $seller, $buyer, $btax, $tbt, $tt, $total, $cur, $at, $rkind, $rform, $rseries, $rnumber, $rissued)",
                    "$code", "$tax", "$mid", "$idx", "$form", "$series", "$number", "$issued", "$seller", "$buyer", "$btax", "$tbt", "$tt",
                    "$total", "$cur", "$at", "$rkind", "$rform", "$rseries", "$rnumber", "$rissued");
                insert.Command.Transaction = tx;
                var p = insert.Parameters;
                try
                {
                    foreach (var i in completion.Invoices)
                    {
                        p[0].Value = i.Code;
                        p[1].Value = i.TaxCode;
                        p[2].Value = i.MessageId;
                        p[3].Value = i.Index;
                        p[4].Value = Db(i.Form);
                        p[5].Value = Db(i.Series);
                        p[6].Value = Db(i.Number);
                        p[7].Value = Date(i.IssuedOn);
                        p[8].Value = Db(i.SellerName);
                        p[9].Value = Db(i.BuyerName);
                        p[10].Value = Db(i.BuyerTaxCode);
                        p[11].Value = Dec(i.TotalBeforeTax);
                        p[12].Value = Dec(i.TotalTax);
                        p[13].Value = Dec(i.Total);
                        p[14].Value = Db(i.Currency);
                        p[15].Value = i.StoredAt.UtcTicks;
                        p[16].Value = Db(i.RelationKind);
                        p[17].Value = Db(i.RelatedForm);
                        p[18].Value = Db(i.RelatedSeries);
                        p[19].Value = Db(i.RelatedNumber);
                        p[20].Value = Date(i.RelatedIssuedOn);
                        insert.Command.ExecuteNonQuery();
                    }
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */)
                {
                    tx.Rollback();
                    var conflicts = StoredCodes(c, null, completion.Invoices.Select(i => i.Code));
                    if (conflicts.Count == 0)
                        throw;
                    return new CompleteResult(false, conflicts);
                }
            }

            InsertNotices(tx, completion.Notices);
            var feed = _nextFeed;
            foreach (var r in completion.Responses)
                InsertResponse(tx, r, r.VisibleAt <= now ? feed++ : null);
            InsertJournal(tx, completion.Journal);
            tx.Commit();
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

    private static void EnsureRecorded(SqliteConnection c, string messageId)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT state FROM messages WHERE message_id = $id";
        cmd.Parameters.AddWithValue("$id", messageId);
        if (cmd.ExecuteScalar() is null)
            throw new InvalidOperationException($"cannot complete {messageId}: no such message was recorded");
    }

    public Task<StoredInvoice?> GetInvoiceAsync(string taxCode, string code, CancellationToken ct = default) =>
        ReadAsync(c => QueryInvoices(c, $"SELECT {InvoiceColumns} FROM invoices WHERE code = $code AND tax_code = $tax",
            ("$code", code), ("$tax", taxCode)).SingleOrDefault(), ct);

    public Task<IReadOnlyList<StoredInvoice>> InvoicesOfAsync(string messageId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<StoredInvoice>>(c =>
            QueryInvoices(c, $"SELECT {InvoiceColumns} FROM invoices WHERE message_id = $id ORDER BY idx", ("$id", messageId)), ct);

    public Task<IReadOnlyList<StoredInvoice>> InvoicesIssuedAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<StoredInvoice>>(c => QueryInvoices(c,
            $"SELECT {InvoiceColumns} FROM invoices WHERE issued_on >= $from AND issued_on <= $to " +
            "ORDER BY tax_code, form, series, length(number), number, code",
            ("$from", Date(from)), ("$to", Date(to))), ct);

    // ---------------------------------------------------------------- responses

    public Task AddResponsesAsync(IReadOnlyList<OutboundResponse> responses, IReadOnlyList<JournalEntry> journal, DateTimeOffset now,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(journal);
        if (responses.Count == 0 && journal.Count == 0)
            return Task.CompletedTask;
        return WriteAsync(c =>
        {
            using var tx = c.BeginTransaction();
            var feed = _nextFeed;
            foreach (var r in responses)
                InsertResponse(tx, r, r.VisibleAt <= now ? feed++ : null);
            InsertJournal(tx, journal);
            tx.Commit();
            _nextFeed = feed;
            return 0;
        }, ct);
    }

    public Task<int> ReleaseDueResponsesAsync(DateTimeOffset now, CancellationToken ct = default) =>
        WriteAsync(c =>
        {
            // One statement (atomic without an explicit transaction; writes nothing when nothing is due).
            var release = Cmd(
                "UPDATE responses SET feed_seq = $base + due.rn - 1 " +
                "FROM (SELECT seq, row_number() OVER (ORDER BY created_at, seq) AS rn FROM responses " +
                "      WHERE feed_seq IS NULL AND visible_at <= $now) AS due " +
                "WHERE responses.seq = due.seq",
                "$base", "$now");
            var n = release.Run(null, _nextFeed, now.UtcTicks);
            _nextFeed += n;
            return n;
        }, ct);

    public Task<int> ReleaseDueResponsesAsync(DateTimeOffset now, string tvanCode, CancellationToken ct = default) =>
        WriteAsync(c =>
        {
            var release = Cmd(
                "UPDATE responses SET feed_seq = $base + due.rn - 1 " +
                "FROM (SELECT seq, row_number() OVER (ORDER BY created_at, seq) AS rn FROM responses " +
                "      WHERE feed_seq IS NULL AND visible_at <= $now AND tvan_code = $tvan) AS due " +
                "WHERE responses.seq = due.seq",
                "$base", "$now", "$tvan");
            var n = release.Run(null, _nextFeed, now.UtcTicks, tvanCode);
            _nextFeed += n;
            return n;
        }, ct);

    public Task<IReadOnlyList<OutboundResponse>> ResponsesToAsync(string messageId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<OutboundResponse>>(c => QueryResponses(c,
            $"SELECT {ResponseColumns} FROM responses WHERE reply_to = $id AND feed_seq IS NOT NULL ORDER BY created_at, seq",
            ("$id", messageId)), ct);

    public Task<IReadOnlyList<OutboundResponse>> InboxAsync(string tvanCode, long after, int limit, CancellationToken ct = default) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<OutboundResponse>>([])
            : ReadAsync<IReadOnlyList<OutboundResponse>>(c => QueryResponses(c,
                $"SELECT {ResponseColumns} FROM responses WHERE tvan_code = $tvan AND feed_seq IS NOT NULL AND feed_seq > $after " +
                "ORDER BY feed_seq LIMIT $limit",
                ("$tvan", tvanCode), ("$after", after), ("$limit", limit)), ct);

    public Task<IReadOnlyList<OutboundResponse>> DueCallbacksAsync(DateTimeOffset now, int limit, CancellationToken ct = default) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<OutboundResponse>>([])
            : ReadAsync<IReadOnlyList<OutboundResponse>>(c => QueryResponses(c,
                $"SELECT {ResponseColumns} FROM responses WHERE callback_state = 1 AND feed_seq IS NOT NULL " +
                "AND (next_callback_at IS NULL OR next_callback_at <= $now) ORDER BY feed_seq LIMIT $limit",
                ("$now", now.UtcTicks), ("$limit", limit)), ct);

    public Task UpdateCallbackAsync(long seq, CallbackState state, int attempts, DateTimeOffset? nextAttemptAt, string? error,
        CancellationToken ct = default) =>
        WriteAsync(c =>
        {
            var cmd = Cmd("UPDATE responses SET callback_state = $s, callback_attempts = $a, next_callback_at = $n, callback_error = $e WHERE seq = $seq",
                "$s", "$a", "$n", "$e", "$seq");
            cmd.Run(null, (int)state, attempts, T(nextAttemptAt), error, seq);
            return 0;
        }, ct);

    public Task<IReadOnlyList<OutboundResponse>> PendingEmailsAsync(int limit, CancellationToken ct = default) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<OutboundResponse>>([])
            : ReadAsync<IReadOnlyList<OutboundResponse>>(c => QueryResponses(c,
                $"SELECT {ResponseColumns} FROM responses WHERE email_pending = 1 AND feed_seq IS NOT NULL ORDER BY feed_seq LIMIT $limit",
                ("$limit", limit)), ct);

    public Task MarkEmailedAsync(long seq, CancellationToken ct = default) =>
        WriteAsync(c =>
        {
            Cmd("UPDATE responses SET email_pending = 0 WHERE seq = $seq", "$seq").Run(null, seq);
            return 0;
        }, ct);

    // ---------------------------------------------------------------- journal and counts

    public Task AppendJournalAsync(IReadOnlyList<JournalEntry> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
            return Task.CompletedTask;
        return WriteAsync(c =>
        {
            using var tx = c.BeginTransaction();
            InsertJournal(tx, entries);
            tx.Commit();
            return 0;
        }, ct);
    }

    public Task<IReadOnlyList<JournalEntry>> JournalAsync(JournalQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0)
            return Task.FromResult<IReadOnlyList<JournalEntry>>([]);
        return ReadAsync<IReadOnlyList<JournalEntry>>(c =>
        {
            using var cmd = c.CreateCommand();
            var sql = $"SELECT {JournalColumns} FROM journal WHERE seq > $after";
            if (query.TaxCode is not null)
            {
                sql += " AND tax_code = $tax";
                cmd.Parameters.AddWithValue("$tax", query.TaxCode);
            }

            if (query.Type is not null)
            {
                sql += " AND type = $type";
                cmd.Parameters.AddWithValue("$type", query.Type);
            }

            cmd.CommandText = sql + " ORDER BY seq LIMIT $limit";
            cmd.Parameters.AddWithValue("$after", query.After);
            cmd.Parameters.AddWithValue("$limit", query.Limit);
            var list = new List<JournalEntry>();
            using var r = cmd.ExecuteReader();
            while (r.Read())
                list.Add(StoreRows.Journal(r, SqliteRows.Dialect));
            return list;
        }, ct);
    }

    public Task<StoreCounts> CountsAsync(CancellationToken ct = default) =>
        ReadAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText =
                "SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM messages WHERE state = 0), (SELECT count(*) FROM invoices), " +
                "(SELECT count(*) FROM responses), (SELECT count(*) FROM responses WHERE callback_state = 1)";
            using var r = cmd.ExecuteReader();
            r.Read();
            return new StoreCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
        }, ct);

    // ---------------------------------------------------------------- writer helpers

    private void InsertResponse(SqliteTransaction tx, OutboundResponse r, long? feedSeq)
    {
        var cmd = Cmd(
            $"INSERT INTO responses ({ResponseColumns}) VALUES (NULL, $feed, $rid, $reply, $type, $tvan, $tax, $created, $visible, $body, $summary, $cbs, $cba, $cbn, $cbe, $email)",
            "$feed", "$rid", "$reply", "$type", "$tvan", "$tax", "$created", "$visible", "$body", "$summary", "$cbs", "$cba", "$cbn", "$cbe",
            "$email");
        cmd.Run(tx, feedSeq, r.ResponseId, r.ReplyTo, r.Type, r.TvanCode, r.TaxCode, T(r.CreatedAt), T(r.VisibleAt), r.Body, r.Summary,
            (int)r.Callback, r.CallbackAttempts, T(r.NextCallbackAt), r.CallbackError, r.EmailPending ? 1 : 0);
    }

    private void InsertJournal(SqliteTransaction tx, IReadOnlyList<JournalEntry> entries)
    {
        if (entries.Count == 0)
            return;
        var cmd = Cmd(
            "INSERT INTO journal (at, wall_at, direction, type, message_id, reply_to, tax_code, tvan_code, http_status, outcome, latency_seconds, latency_ms) " +
            "VALUES ($at, $wall, $dir, $type, $mid, $reply, $tax, $tvan, $http, $outcome, $ls, $lms)",
            "$at", "$wall", "$dir", "$type", "$mid", "$reply", "$tax", "$tvan", "$http", "$outcome", "$ls", "$lms");
        foreach (var j in entries)
            cmd.Run(tx, T(j.At), T(j.WallAt), j.Direction, j.Type, j.MessageId, j.ReplyTo, j.TaxCode, j.TvanCode, j.HttpStatus, j.Outcome,
                j.LatencySeconds, j.LatencyMs);
    }

    /// <summary>A command prepared once on the writer connection and reused (statements stay compiled).</summary>
    private Prepared Cmd(string sql, params string[] names)
    {
        if (_prepared.TryGetValue(sql, out var p))
            return p;
        var cmd = _writer!.CreateCommand();
        cmd.CommandText = sql;
        var parameters = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
            parameters[i] = cmd.Parameters.Add(new SqliteParameter { ParameterName = names[i], Value = DBNull.Value });
        p = new Prepared(cmd, parameters);
        _prepared[sql] = p;
        return p;
    }

    private sealed record Prepared(SqliteCommand Command, SqliteParameter[] Parameters)
    {
        private void Bind(SqliteTransaction? tx, object?[] values)
        {
            Command.Transaction = tx;
            for (var i = 0; i < values.Length; i++)
                Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        public int Run(SqliteTransaction? tx, params object?[] values)
        {
            Bind(tx, values);
            return Command.ExecuteNonQuery();
        }

        public object? Scalar(SqliteTransaction? tx, params object?[] values)
        {
            Bind(tx, values);
            return Command.ExecuteScalar();
        }
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = _writer ?? throw new InvalidOperationException("SqliteStore: call InitializeAsync first");
            if (_nextFeed == 0)
                _nextFeed = LoadNextFeed(writer);
            try
            {
                return work(writer);
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

    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is null)
            throw new InvalidOperationException("SqliteStore: call InitializeAsync first");
        using var c = new SqliteConnection(_readConnectionString);
        c.Open();
        return Task.FromResult(work(c));
    }

    private static void Exec(SqliteConnection c, string sql) => Exec(c, null, sql);

    private static void Exec(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    // ---------------------------------------------------------------- readers

    private static List<InboundMessage> QueryMessages(SqliteConnection c, SqliteTransaction? tx, string sql, bool bodies,
        params (string Name, object Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value);
        var list = new List<InboundMessage>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(StoreRows.Message(r, SqliteRows.Dialect, bodies));
        return list;
    }

    private static List<OutboundResponse> QueryResponses(SqliteConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value);
        var list = new List<OutboundResponse>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(StoreRows.Response(r, SqliteRows.Dialect));
        return list;
    }

    private static List<StoredInvoice> QueryInvoices(SqliteConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value);
        var list = new List<StoredInvoice>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(StoreRows.Invoice(r, SqliteRows.Dialect));
        return list;
    }

    // ---------------------------------------------------------------- conversions

    private static long T(DateTimeOffset d) => d.UtcTicks;

    private static long? T(DateTimeOffset? d) => d?.UtcTicks;

    private static object Db<TV>(TV? v) where TV : struct => v is { } x ? x : DBNull.Value;

    private static object Db(string? v) => v is null ? DBNull.Value : v;

    private static object Date(DateOnly? v) => v is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;

    private static object Dec(decimal? v) => v is { } x ? x.ToString(CultureInfo.InvariantCulture) : DBNull.Value;

    // ---------------------------------------------------------------- lifetime

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var p in _prepared.Values)
                p.Command.Dispose();
            _prepared.Clear();
            if (_writer is not null)
            {
                _writer.Dispose();
                _writer = null;
            }

            // Close the pooled read connections too, so the file is released (tests delete it, a new instance reopens it).
            using var probe = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(probe);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}

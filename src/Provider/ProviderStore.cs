using System.Globalization;
using ConformanceKit.Provider.Pos;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider;

/// <summary>
/// The provider's durable outbox, in the register's SQLite file next to <c>pos_invoices</c>:
/// packages (<c>prov_packages</c>, with their signed bytes and MTDiep), which invoice went in which
/// package (<c>prov_package_items</c>) and where each invoice is (<c>prov_invoices</c>). Every step
/// is one transaction, so a process killed at any moment resumes where it was: a package built is
/// signed, a package signed is sent with the same bytes, an acknowledged one is waited for.
/// One provider process per file (<see cref="ProviderLock"/>); `ck sign` may run beside it.
/// </summary>
public sealed partial class ProviderStore
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate;
    private readonly CodeAllocator _allocator;

    /// <summary>
    /// The provider's tables beside the allocator's, on the allocator's connection and lock: one
    /// connection per file means no two writers of this process race for SQLite's write lock (and a
    /// <c>:memory:</c> store has no shared-cache table locks). The allocator stays the caller's.
    /// </summary>
    public ProviderStore(CodeAllocator allocator)
    {
        ArgumentNullException.ThrowIfNull(allocator);
        _connection = allocator.Connection;
        _gate = allocator.Gate;
        _allocator = allocator;
        lock (_gate) CreateSchema();
    }

    private void CreateSchema()
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        Execute("""
            CREATE TABLE IF NOT EXISTS prov_packages (
                id INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, tax_code TEXT NOT NULL,
                state TEXT NOT NULL, invoice_count INTEGER NOT NULL, created_at TEXT NOT NULL,
                unsigned BLOB NOT NULL, signed BLOB, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT,
                last_error TEXT, acked_at TEXT, notice_at TEXT, ltbao INTEGER, codes TEXT,
                late INTEGER NOT NULL DEFAULT 0, overdue INTEGER NOT NULL DEFAULT 0, notices INTEGER NOT NULL DEFAULT 0,
                received_at TEXT);
            CREATE INDEX IF NOT EXISTS prov_packages_state ON prov_packages (state);
            CREATE TABLE IF NOT EXISTS prov_package_items (
                package_id INTEGER NOT NULL, position INTEGER NOT NULL, code TEXT NOT NULL,
                PRIMARY KEY (package_id, position));
            CREATE TABLE IF NOT EXISTS prov_invoices (
                code TEXT NOT NULL PRIMARY KEY, state TEXT NOT NULL, package_id INTEGER, packagings INTEGER NOT NULL DEFAULT 0,
                codes TEXT, detail TEXT, updated_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS prov_invoices_state ON prov_invoices (state);
            CREATE TABLE IF NOT EXISTS prov_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
            -- Queued in the allocation's own transaction: one commit (one fsync) per sale, and no
            -- second writer racing the allocator for SQLite's write lock.
            CREATE TRIGGER IF NOT EXISTS prov_enqueue_issued AFTER INSERT ON pos_invoices
            BEGIN
                INSERT OR IGNORE INTO prov_invoices (code, state, updated_at)
                VALUES (NEW.code, 'issued', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.issued_at));
            END;
            """, tx);
        // received_at came later: a store made before it gets the column (null: late is judged on the provider's clock).
        using (var columns = Command("SELECT COUNT(*) FROM pragma_table_info('prov_packages') WHERE name = 'received_at';", tx))
            if ((long)columns.ExecuteScalar()! == 0)
                Execute("ALTER TABLE prov_packages ADD COLUMN received_at TEXT;", tx);
        // kind (206 / 303) came with corrections: the packages before it are 206s.
        using (var columns = Command("SELECT COUNT(*) FROM pragma_table_info('prov_packages') WHERE name = 'kind';", tx))
            if ((long)columns.ExecuteScalar()! == 0)
                Execute("ALTER TABLE prov_packages ADD COLUMN kind TEXT NOT NULL DEFAULT '206';", tx);
        CreateCorrectionSchema(tx);
        tx.Commit();
    }

    /// <summary>
    /// Gives every issued invoice without a provider row one (state issued): an invoice issued just
    /// before a crash, or by `ck pos sell` on the same file, is packaged like the others.
    /// </summary>
    public int AdoptIssued(DateTimeOffset now)
    {
        lock (_gate)
        {
            using var cmd = Command("""
                INSERT INTO prov_invoices (code, state, updated_at)
                SELECT p.code, 'issued', $now FROM pos_invoices p
                WHERE NOT EXISTS (SELECT 1 FROM prov_invoices v WHERE v.code = p.code);
                """);
            cmd.Parameters.AddWithValue("$now", Text(now));
            return cmd.ExecuteNonQuery();
        }
    }

    public string? GetMeta(string key)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT value FROM prov_meta WHERE key = $k;");
            cmd.Parameters.AddWithValue("$k", key);
            return cmd.ExecuteScalar() as string;
        }
    }

    public void SetMeta(string key, string value)
    {
        lock (_gate)
        {
            using var cmd = Command("INSERT INTO prov_meta (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = $v;");
            cmd.Parameters.AddWithValue("$k", key);
            cmd.Parameters.AddWithValue("$v", value);
            cmd.ExecuteNonQuery();
        }
    }


    internal static string Text(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    internal static DateTimeOffset? Time(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture);

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = 30;
        return cmd;
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }

    private static object Db(object? value) => value ?? DBNull.Value;
}

using System.Globalization;
using ConformanceKit.Einvoice.Codes;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// Allocates cash-register code serials (C10–C20) from a SQLite file, durably and without gaps.
/// The counter of a (block, year) is advanced and the issued invoice (sale, code, SHDon) is inserted
/// in one <c>BEGIN IMMEDIATE</c> transaction: a process killed at any moment leaves either both or
/// neither, so a number is never skipped, never issued twice and never reused. Several processes
/// and instances may share the file (WAL, busy timeout); the write lock serialises them.
/// One instance is one connection; it is safe to call from several threads.
/// </summary>
public sealed partial class CodeAllocator : IDisposable
{
    /// <summary>SHDon is n(8): the serial doubles as the invoice number.</summary>
    public const long MaxNumber = 99_999_999;

    private const int BusyTimeoutMs = 30_000;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly StatementCache _statements;

    public CodeAllocator(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _connection = new SqliteConnection(PosDatabase.ConnectionString(databasePath));
        _connection.Open();
        _statements = new StatementCache(_connection, BusyTimeoutMs / 1000);
        InMemory = PosDatabase.IsInMemory(databasePath);
        Execute($"PRAGMA busy_timeout = {BusyTimeoutMs};");
        if (!InMemory)
        {
            Execute("PRAGMA journal_mode = WAL;");
            Execute("PRAGMA synchronous = FULL;");
        }
        using var tx = _connection.BeginTransaction(deferred: false);
        Execute("""
            CREATE TABLE IF NOT EXISTS pos_counters (
                block TEXT NOT NULL, year INTEGER NOT NULL, tax_code TEXT NOT NULL, issued INTEGER NOT NULL,
                PRIMARY KEY (block, year));
            CREATE TABLE IF NOT EXISTS pos_invoices (
                code TEXT NOT NULL PRIMARY KEY, block TEXT NOT NULL, year INTEGER NOT NULL, serial INTEGER NOT NULL,
                number TEXT NOT NULL, register_id TEXT NOT NULL, tax_code TEXT NOT NULL, form INTEGER NOT NULL,
                series TEXT NOT NULL, issued_at TEXT NOT NULL, sale_json TEXT NOT NULL, sale_id TEXT,
                UNIQUE (block, year, serial));
            """, tx);
        if (!HasColumn("pos_invoices", "sale_id", tx)) Execute("ALTER TABLE pos_invoices ADD COLUMN sale_id TEXT;", tx);
        Execute("CREATE UNIQUE INDEX IF NOT EXISTS pos_invoices_sale ON pos_invoices (sale_id) WHERE sale_id IS NOT NULL;", tx);
        tx.Commit();
    }

    /// <summary>
    /// True for a <c>:memory:NAME</c> store: nothing reaches the disk. Only the durability-cost
    /// benchmark uses it, as the baseline the crash-safe file is measured against.
    /// </summary>
    public bool InMemory { get; }

    /// <summary>The store's connection, for the provider's tables in the same file (used under <see cref="Gate"/> only).</summary>
    internal SqliteConnection Connection => _connection;

    /// <summary>Serialises every use of <see cref="Connection"/>.</summary>
    internal Lock Gate => _gate;

    /// <summary>Prepared statements on <see cref="Connection"/> (used under <see cref="Gate"/> only).</summary>
    internal StatementCache Statements => _statements;

    /// <summary>Issues the next serial of the request's (block, year) and records the invoice, atomically.</summary>
    /// <exception cref="InvalidOperationException">The block belongs to another MST, or its numbers are used up.</exception>
    public AllocatedInvoice Allocate(AllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CodeBlock.IsValid(request.Block))
            throw new ArgumentException("block must be 5 upper-case letters A–Z or digits 0–9", nameof(request));
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: take the write lock first
            var record = AllocateIn(request, tx, out var refusal);
            if (refusal is not null) throw new InvalidOperationException(refusal); // rolled back: no number used
            if (!record!.Existing) tx.Commit();
            return record;
        }
    }

    /// <summary>
    /// Inside <paramref name="tx"/>: the invoice already issued for the request's sale id (Existing), or the
    /// next serial of its (block, year) bumped and the invoice inserted. Nothing is committed here. A block of
    /// another MST or used up gives null and <paramref name="refusal"/>; the caller rolls back what was bumped.
    /// </summary>
    private AllocatedInvoice? AllocateIn(AllocationRequest request, SqliteTransaction tx, out string? refusal)
    {
        refusal = null;
        var year = request.IssuedAt.Year % 100;
        if (request.SaleId is { } saleId && Find("sale_id = $key", saleId, tx) is { } earlier)
            return earlier with { Existing = true };
        long serial;
        var bump = _statements.Get("""
            INSERT INTO pos_counters (block, year, tax_code, issued) VALUES ($block, $year, $mst, 1)
            ON CONFLICT (block, year) DO UPDATE SET issued = issued + 1
            RETURNING issued, tax_code;
            """, tx);
        StatementCache.Set(bump, "$block", request.Block);
        StatementCache.Set(bump, "$year", year);
        StatementCache.Set(bump, "$mst", request.TaxCode);
        string owner;
        using (var reader = bump.ExecuteReader())
        {
            reader.Read();
            serial = reader.GetInt64(0);
            owner = reader.GetString(1);
        }
        if (owner != request.TaxCode)
        {
            refusal = $"block {request.Block} belongs to MST {owner}, not {request.TaxCode}";
            return null;
        }
        if (serial > MaxNumber)
        {
            refusal = $"block {request.Block} has used up its {MaxNumber} numbers for 20{year:D2}";
            return null;
        }
        var code = CashRegisterCode.Create(request.Form, year, request.Block, serial);
        var number = serial.ToString(CultureInfo.InvariantCulture);
        var insert = _statements.Get("""
            INSERT INTO pos_invoices (code, block, year, serial, number, register_id, tax_code, form, series, issued_at, sale_json, sale_id)
            VALUES ($code, $block, $year, $serial, $number, $register, $mst, $form, $series, $at, $sale, $saleId);
            """, tx);
        StatementCache.Set(insert, "$code", code.Value);
        StatementCache.Set(insert, "$block", request.Block);
        StatementCache.Set(insert, "$year", year);
        StatementCache.Set(insert, "$serial", serial);
        StatementCache.Set(insert, "$number", number);
        StatementCache.Set(insert, "$register", request.RegisterId);
        StatementCache.Set(insert, "$mst", request.TaxCode);
        StatementCache.Set(insert, "$form", request.Form);
        StatementCache.Set(insert, "$series", request.Series);
        StatementCache.Set(insert, "$at", request.IssuedAt.ToString("O", CultureInfo.InvariantCulture));
        StatementCache.Set(insert, "$sale", request.SaleJson);
        StatementCache.Set(insert, "$saleId", request.SaleId);
        insert.ExecuteNonQuery();
        return new AllocatedInvoice(serial, code, number, request.RegisterId, request.TaxCode, request.Block,
            request.Form, request.Series, request.IssuedAt, request.SaleJson, request.SaleId);
    }

    /// <summary>How many invoices the file records (all blocks and years).</summary>
    public long Count()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT COUNT(*) FROM pos_invoices;");
            return (long)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>Every recorded invoice, by block, year and serial.</summary>
    public IReadOnlyList<AllocatedInvoice> List()
    {
        lock (_gate)
        {
            using var cmd = Command($"SELECT {Columns} FROM pos_invoices ORDER BY block, year, serial;");
            using var r = cmd.ExecuteReader();
            var list = new List<AllocatedInvoice>();
            while (r.Read()) list.Add(Read(r));
            return list;
        }
    }

    /// <summary>The invoice issued for a sale id, or null.</summary>
    public AllocatedInvoice? FindBySale(string saleId)
    {
        lock (_gate) return Find("sale_id = $key", saleId, null);
    }

    /// <summary>The invoice with this code (MCCQT), or null.</summary>
    public AllocatedInvoice? FindByCode(string code)
    {
        lock (_gate) return Find("code = $key", code, null);
    }

    internal const string Columns = "serial, code, number, register_id, tax_code, block, form, series, issued_at, sale_json, sale_id";

    internal static AllocatedInvoice Read(SqliteDataReader r) => new(
        r.GetInt64(0), CashRegisterCode.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetInt32(6), r.GetString(7), DateTimeOffset.Parse(r.GetString(8), CultureInfo.InvariantCulture), r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10));

    private AllocatedInvoice? Find(string where, string key, SqliteTransaction? tx)
    {
        var cmd = _statements.Get($"SELECT {Columns} FROM pos_invoices WHERE {where};", tx);
        StatementCache.Set(cmd, "$key", key);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    private bool HasColumn(string table, string column, SqliteTransaction tx)
    {
        using var cmd = Command($"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $c;", tx);
        cmd.Parameters.AddWithValue("$c", column);
        return (long)cmd.ExecuteScalar()! > 0;
    }


    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = BusyTimeoutMs / 1000;
        return cmd;
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }
}

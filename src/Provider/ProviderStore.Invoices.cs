using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider;

/// <summary>The outbox's view of issued invoices: where each is, and counts for status.</summary>
public sealed partial class ProviderStore
{
    private const string InvoiceSelect = """
        SELECT p.code, p.sale_id, p.tax_code, p.number, COALESCE(v.state, 'issued'), k.message_id, COALESCE(v.packagings, 0),
               v.codes, v.detail, p.issued_at, COALESCE(v.updated_at, p.issued_at)
        FROM pos_invoices p LEFT JOIN prov_invoices v ON v.code = p.code LEFT JOIN prov_packages k ON k.id = v.package_id
        """;

    public InvoiceStatus? InvoiceByCode(string code) => OneInvoice("p.code = $k", code);

    public InvoiceStatus? InvoiceBySale(string saleId) => OneInvoice("p.sale_id = $k", saleId);

    /// <summary>The issued invoice's record (sale, form, series …).</summary>
    public Pos.AllocatedInvoice Invoice(string code)
    {
        lock (_allocator.ReaderGate) // read on the reader: not held up by a commit in progress
        {
            using var cmd = ReadCommand($"SELECT {Pos.CodeAllocator.Columns} FROM pos_invoices WHERE code = $k;");
            cmd.Parameters.AddWithValue("$k", code);
            using var r = cmd.ExecuteReader();
            return r.Read() ? Pos.CodeAllocator.Read(r) : throw new KeyNotFoundException($"no invoice {code}");
        }
    }

    /// <summary>Every invoice the file holds, by block, year and serial (for checks and `status --invoices`).</summary>
    public IReadOnlyList<InvoiceStatus> Invoices(string? state = null)
    {
        lock (_gate)
        {
            using var cmd = Command($"{InvoiceSelect} {(state is null ? "" : "WHERE COALESCE(v.state, 'issued') = $s")} ORDER BY p.block, p.year, p.serial;");
            if (state is not null) cmd.Parameters.AddWithValue("$s", state);
            return ReadInvoices(cmd);
        }
    }

    /// <summary>Invoices per state and packages per state.</summary>
    public (IReadOnlyDictionary<string, int> Invoices, IReadOnlyDictionary<string, int> Packages) Counts()
    {
        lock (_gate)
        {
            var invoices = Group("""
                SELECT COALESCE(v.state, 'issued'), COUNT(*) FROM pos_invoices p LEFT JOIN prov_invoices v ON v.code = p.code
                GROUP BY 1;
                """);
            var packages = Group("SELECT state, COUNT(*) FROM prov_packages GROUP BY state;");
            return (invoices, packages);
        }
    }

    private Dictionary<string, int> Group(string sql)
    {
        using var cmd = Command(sql);
        using var r = cmd.ExecuteReader();
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        while (r.Read()) d[r.GetString(0)] = r.GetInt32(1);
        return d;
    }

    /// <summary>One invoice, read on the allocator's reader: a look-up does not wait for a commit in progress.</summary>
    private InvoiceStatus? OneInvoice(string where, string key)
    {
        lock (_allocator.ReaderGate)
        {
            using var cmd = ReadCommand($"{InvoiceSelect} WHERE {where};");
            cmd.Parameters.AddWithValue("$k", key);
            return ReadInvoices(cmd).FirstOrDefault();
        }
    }

    /// <summary>A command on the allocator's reader connection (used under <see cref="Pos.CodeAllocator.ReaderGate"/>).</summary>
    private SqliteCommand ReadCommand(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _allocator.Reader.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = 30;
        return cmd;
    }

    private static List<InvoiceStatus> ReadInvoices(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<InvoiceStatus>();
        while (r.Read())
            list.Add(new InvoiceStatus(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3),
                r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7),
                r.IsDBNull(8) ? null : r.GetString(8), Time(r, 9)!.Value, Time(r, 10)!.Value));
        return list;
    }
}

using System.Globalization;
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

    // The status columns (0–10), the record's (11–21, as CodeAllocator.Read reads them) and whether a chain or a 303 names it.
    private const string DetailSelect = $"""
        SELECT p.code, p.sale_id, p.tax_code, p.number, COALESCE(v.state, 'issued'), k.message_id, COALESCE(v.packagings, 0),
               v.codes, v.detail, p.issued_at, COALESCE(v.updated_at, p.issued_at),
               p.serial, p.code, p.number, p.register_id, p.tax_code, p.block, p.form, p.series, p.issued_at, p.sale_json, p.sale_id,
               EXISTS (SELECT 1 FROM prov_chain c WHERE c.code = p.code) OR EXISTS (SELECT 1 FROM prov_chain c WHERE c.original = p.code)
               OR EXISTS (SELECT 1 FROM prov_notice_items n WHERE n.code = p.code)
        FROM pos_invoices p LEFT JOIN prov_invoices v ON v.code = p.code LEFT JOIN prov_packages k ON k.id = v.package_id
        """;

    public InvoiceStatus? InvoiceByCode(string code) => OneInvoice("p.code = $k", code);

    public InvoiceStatus? InvoiceBySale(string saleId) => OneInvoice("p.sale_id = $k", saleId);

    /// <summary>An invoice by its code with its record, in one read (the API's answers).</summary>
    public InvoiceDetail? DetailByCode(string code) => OneDetail("p.code = $k", code);

    /// <summary>The invoice of a sale with its record, in one read (the API's look-up).</summary>
    public InvoiceDetail? DetailBySale(string saleId) => OneDetail("p.sale_id = $k", saleId);

    /// <summary>
    /// The invoice of <paramref name="saleId"/>, or failing that of <paramref name="otherwise"/>, in one read: the API's
    /// look-up of an id that may have come with its slashes escaped (the literal id first, as before).
    /// </summary>
    public InvoiceDetail? DetailBySale(string saleId, string otherwise) =>
        OneDetail("p.sale_id IN ($k, $k2) ORDER BY p.sale_id = $k DESC LIMIT 1", saleId, otherwise);

    /// <summary>The issued invoice's record (sale, form, series …).</summary>
    public Pos.AllocatedInvoice Invoice(string code)
    {
        using (var reader = _allocator.RentReader()) // read on a reader: not held up by a commit in progress
        {
            var cmd = reader.Statements.Get($"SELECT {Pos.CodeAllocator.Columns} FROM pos_invoices WHERE code = $k;");
            Pos.StatementCache.Set(cmd, "$k", code);
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
        using (var reader = _allocator.RentReader())
        {
            var cmd = reader.Statements.Get($"{InvoiceSelect} WHERE {where};");
            Pos.StatementCache.Set(cmd, "$k", key);
            return ReadInvoices(cmd).FirstOrDefault();
        }
    }

    private InvoiceDetail? OneDetail(string where, string key, string? key2 = null)
    {
        using (var reader = _allocator.RentReader())
        {
            var cmd = reader.Statements.Get($"{DetailSelect} WHERE {where};");
            Pos.StatementCache.Set(cmd, "$k", key);
            if (key2 is not null) Pos.StatementCache.Set(cmd, "$k2", key2);
            using var r = cmd.ExecuteReader();
            if (!r.Read()) return null;
            var record = new Pos.AllocatedInvoice(r.GetInt64(11), Einvoice.Codes.CashRegisterCode.Parse(r.GetString(12)), r.GetString(13),
                r.GetString(14), r.GetString(15), r.GetString(16), r.GetInt32(17), r.GetString(18),
                DateTimeOffset.Parse(r.GetString(19), CultureInfo.InvariantCulture), r.GetString(20), r.IsDBNull(21) ? null : r.GetString(21));
            return new InvoiceDetail(StatusOf(r), record, r.GetInt64(22) != 0);
        }
    }

    private static List<InvoiceStatus> ReadInvoices(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<InvoiceStatus>();
        while (r.Read()) list.Add(StatusOf(r));
        return list;
    }

    private static InvoiceStatus StatusOf(SqliteDataReader r) =>
        new(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3),
            r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7),
            r.IsDBNull(8) ? null : r.GetString(8), Time(r, 9)!.Value, Time(r, 10)!.Value);
}

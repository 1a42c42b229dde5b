using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.TaxAuthoritySim.Store.Sqlite;

// Corrections: the accepted 303 entries and the look-ups of an invoice's chain (replaced by, adjusted by).
public sealed partial class SqliteStore
{
    private const string NoticeColumns = "code, tax_code, message_id, idx, action, reason, accepted_at";

    private const string StoredOrder = "ORDER BY stored_at, message_id, idx";

    private void InsertNotices(SqliteTransaction tx, IReadOnlyList<InvoiceNoticeEntry> notices)
    {
        if (notices.Count == 0)
            return;
        var cmd = Cmd($"INSERT INTO invoice_notices ({NoticeColumns}) VALUES ($code, $tax, $mid, $idx, $action, $reason, $at)",
            "$code", "$tax", "$mid", "$idx", "$action", "$reason", "$at");
        foreach (var n in notices)
            cmd.Run(tx, n.Code, n.TaxCode, n.MessageId, n.Index, n.Action, n.Reason, T(n.AcceptedAt));
    }

    public Task<IReadOnlyList<StoredInvoice>> InvoicesNumberedAsync(string taxCode, int? form, string? series, string number,
        CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<StoredInvoice>>(c => QueryInvoices(c,
            $"SELECT {InvoiceColumns} FROM invoices WHERE tax_code = $tax AND series IS $series AND number = $number AND form IS $form {StoredOrder}",
            ("$tax", taxCode), ("$series", Db(series)), ("$number", number), ("$form", Db(form))), ct);

    public Task<IReadOnlyList<StoredInvoice>> InvoicesRelatedToAsync(string taxCode, int? form, string? series, string number,
        CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<StoredInvoice>>(c => QueryInvoices(c,
            $"SELECT {InvoiceColumns} FROM invoices WHERE tax_code = $tax AND related_kind IS NOT NULL AND related_series IS $series " +
            $"AND related_number = $number AND related_form IS $form {StoredOrder}",
            ("$tax", taxCode), ("$series", Db(series)), ("$number", number),
            ("$form", form is { } f ? f.ToString(CultureInfo.InvariantCulture) : DBNull.Value)), ct);

    public Task<IReadOnlyList<InvoiceNoticeEntry>> InvoiceNoticesAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0)
            return Task.FromResult<IReadOnlyList<InvoiceNoticeEntry>>([]);
        return ReadAsync<IReadOnlyList<InvoiceNoticeEntry>>(c =>
        {
            var list = new List<InvoiceNoticeEntry>();
            // One statement per batch of codes (SQLite's default limit is 32,766 parameters).
            foreach (var chunk in codes.Distinct(StringComparer.Ordinal).Chunk(500))
            {
                using var cmd = c.CreateCommand();
                var names = chunk.Select((_, i) => "$c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
                cmd.CommandText = $"SELECT {NoticeColumns} FROM invoice_notices WHERE code IN ({string.Join(", ", names)}) ORDER BY seq";
                for (var i = 0; i < chunk.Length; i++)
                    cmd.Parameters.AddWithValue(names[i], chunk[i]);
                using var r = cmd.ExecuteReader();
                while (r.Read())
                    list.Add(new InvoiceNoticeEntry
                    {
                        Code = r.GetString(0), TaxCode = r.GetString(1), MessageId = r.GetString(2), Index = r.GetInt32(3),
                        Action = r.GetInt32(4), Reason = r.IsDBNull(5) ? null : r.GetString(5),
                        AcceptedAt = new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero),
                    });
            }
            return list;
        }, ct);
    }
}

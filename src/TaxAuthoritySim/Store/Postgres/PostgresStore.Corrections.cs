using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace ConformanceKit.TaxAuthoritySim.Store.Postgres;

// Corrections: the accepted 303 entries and the look-ups of an invoice's chain (replaced by, adjusted by).
public sealed partial class PostgresStore
{
    private const string NoticeColumns = "code, tax_code, message_id, idx, action, reason, accepted_at";

    private const string StoredOrder = "ORDER BY stored_at, message_id COLLATE \"C\", idx";

    private static NpgsqlBatchCommand InsertNotices(IReadOnlyList<InvoiceNoticeEntry> notices)
    {
        var cmd = new NpgsqlBatchCommand(
            $"INSERT INTO invoice_notices ({NoticeColumns}) SELECT * FROM unnest(@n_code, @n_tax, @n_mid, @n_idx, @n_action, @n_reason, @n_at)");
        cmd.Parameters.Add(TextArray("n_code", [.. notices.Select(n => n.Code)]));
        cmd.Parameters.Add(TextArray("n_tax", [.. notices.Select(n => n.TaxCode)]));
        cmd.Parameters.Add(TextArray("n_mid", [.. notices.Select(n => n.MessageId)]));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("n_idx", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. notices.Select(n => n.Index)] });
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("n_action", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. notices.Select(n => n.Action)] });
        cmd.Parameters.Add(TextArray("n_reason", [.. notices.Select(n => n.Reason)]));
        cmd.Parameters.Add(new NpgsqlParameter<DateTime[]>("n_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            { TypedValue = [.. notices.Select(n => n.AcceptedAt.UtcDateTime)] });
        return cmd;
    }

    public Task<IReadOnlyList<StoredInvoice>> InvoicesNumberedAsync(string taxCode, int? form, string? series, string number,
        CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<StoredInvoice>>(async (c, t) => await QueryInvoicesAsync(c,
            $"SELECT {InvoiceColumns} FROM invoices WHERE tax_code = @tax AND series IS NOT DISTINCT FROM @series AND number = @number " +
            $"AND form IS NOT DISTINCT FROM @form {StoredOrder}", t,
            Text("tax", taxCode), Text("series", series), Text("number", number),
            new NpgsqlParameter("form", NpgsqlDbType.Integer) { Value = (object?)form ?? DBNull.Value }).ConfigureAwait(false), ct);

    public Task<IReadOnlyList<StoredInvoice>> InvoicesRelatedToAsync(string taxCode, int? form, string? series, string number,
        CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<StoredInvoice>>(async (c, t) => await QueryInvoicesAsync(c,
            $"SELECT {InvoiceColumns} FROM invoices WHERE tax_code = @tax AND related_kind IS NOT NULL " +
            $"AND related_series IS NOT DISTINCT FROM @series AND related_number = @number AND related_form IS NOT DISTINCT FROM @form {StoredOrder}", t,
            Text("tax", taxCode), Text("series", series), Text("number", number),
            Text("form", form?.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false), ct);

    public Task<IReadOnlyList<InvoiceNoticeEntry>> InvoiceNoticesAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0)
            return Task.FromResult<IReadOnlyList<InvoiceNoticeEntry>>([]);
        return ReadAsync<IReadOnlyList<InvoiceNoticeEntry>>(async (c, t) =>
        {
            await using var cmd = new NpgsqlCommand($"SELECT {NoticeColumns} FROM invoice_notices WHERE code = ANY(@codes) ORDER BY seq", c);
            cmd.Parameters.Add(TextArray("codes", [.. codes.Distinct(StringComparer.Ordinal)]));
            var list = new List<InvoiceNoticeEntry>();
            await using var r = await cmd.ExecuteReaderAsync(t).ConfigureAwait(false);
            while (await r.ReadAsync(t).ConfigureAwait(false))
                list.Add(new InvoiceNoticeEntry
                {
                    Code = r.GetString(0), TaxCode = r.GetString(1), MessageId = r.GetString(2), Index = r.GetInt32(3),
                    Action = r.GetInt32(4), Reason = r.IsDBNull(5) ? null : r.GetString(5),
                    AcceptedAt = new DateTimeOffset(r.GetFieldValue<DateTime>(6), TimeSpan.Zero),
                });
            return list;
        }, ct);
    }
}

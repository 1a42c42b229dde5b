using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider;

/// <summary>
/// Corrections of invoices already accepted: the 303s (Form 04/SS-HĐĐT) travel through the outbox like 206 packages
/// (<c>prov_packages</c> with kind 303: the same signing, the same bytes and MTDiep on every resend); what each entry
/// asked and what the 301 answered is in <c>prov_notice_items</c>; which invoice replaces or adjusts which in
/// <c>prov_chain</c>, written by a trigger in the transaction that allocates the new invoice's code.
/// </summary>
public sealed partial class ProviderStore
{
    private void CreateCorrectionSchema(SqliteTransaction tx) => Execute("""
        CREATE TABLE IF NOT EXISTS prov_notice_items (
            package_id INTEGER NOT NULL, position INTEGER NOT NULL, code TEXT NOT NULL, action INTEGER NOT NULL,
            reason TEXT NOT NULL, accepted INTEGER, codes TEXT, detail TEXT, PRIMARY KEY (package_id, position));
        CREATE INDEX IF NOT EXISTS prov_notice_items_code ON prov_notice_items (code);
        CREATE TABLE IF NOT EXISTS prov_chain (
            code TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, original TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS prov_chain_original ON prov_chain (original);
        -- A replacement or adjustment is linked in the transaction that allocates its code (its sale holds the link).
        CREATE TRIGGER IF NOT EXISTS prov_chain_link AFTER INSERT ON pos_invoices
        WHEN NEW.sale_json LIKE '%"related"%' AND json_valid(NEW.sale_json)
             AND json_extract(NEW.sale_json, '$.related.kind') IN (1, 2) AND json_extract(NEW.sale_json, '$.related.code') IS NOT NULL
        BEGIN
            INSERT OR IGNORE INTO prov_chain (code, kind, original, created_at)
            VALUES (NEW.code, CASE json_extract(NEW.sale_json, '$.related.kind') WHEN 1 THEN 'replace' ELSE 'adjust' END,
                    json_extract(NEW.sale_json, '$.related.code'), strftime('%Y-%m-%dT%H:%M:%fZ', NEW.issued_at));
        END;
        """, tx);

    /// <summary>
    /// Records a 303 before it is sent (signed, or waiting for its signature), in one transaction with its entries; a
    /// cancel entry moves its invoice from accepted to cancelling.
    /// </summary>
    /// <exception cref="InvalidOperationException">an invoice to cancel is no longer accepted (nothing is recorded).</exception>
    public PackageRecord CreateNotice(string messageId, string taxCode, byte[] unsigned, byte[]? signed,
        IReadOnlyList<NoticeEntry> entries, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            long id;
            using (var insert = Command("""
                INSERT INTO prov_packages (message_id, tax_code, state, invoice_count, created_at, unsigned, signed, kind)
                VALUES ($id, $mst, $state, $n, $now, $unsigned, $signed, '303') RETURNING id;
                """, tx))
            {
                insert.Parameters.AddWithValue("$id", messageId);
                insert.Parameters.AddWithValue("$mst", taxCode);
                insert.Parameters.AddWithValue("$state", signed is null ? PackageState.ToSign : PackageState.Ready);
                insert.Parameters.AddWithValue("$n", entries.Count);
                insert.Parameters.AddWithValue("$now", Text(now));
                insert.Parameters.AddWithValue("$unsigned", unsigned);
                insert.Parameters.AddWithValue("$signed", Db(signed));
                id = (long)insert.ExecuteScalar()!;
            }
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                using (var item = Command("INSERT INTO prov_package_items (package_id, position, code) VALUES ($p, $i, $c);", tx))
                {
                    item.Parameters.AddWithValue("$p", id);
                    item.Parameters.AddWithValue("$i", i + 1);
                    item.Parameters.AddWithValue("$c", e.Code);
                    item.ExecuteNonQuery();
                }
                using (var item = Command("""
                    INSERT INTO prov_notice_items (package_id, position, code, action, reason) VALUES ($p, $i, $c, $a, $r);
                    """, tx))
                {
                    item.Parameters.AddWithValue("$p", id);
                    item.Parameters.AddWithValue("$i", i + 1);
                    item.Parameters.AddWithValue("$c", e.Code);
                    item.Parameters.AddWithValue("$a", e.Action);
                    item.Parameters.AddWithValue("$r", e.Reason);
                    item.ExecuteNonQuery();
                }
                if (e.Action != 1) continue;
                using var move = Command("""
                    UPDATE prov_invoices SET state = 'cancelling', codes = NULL, detail = $d, updated_at = $now
                    WHERE code = $c AND state = 'accepted';
                    """, tx);
                move.Parameters.AddWithValue("$c", e.Code);
                move.Parameters.AddWithValue("$d", $"cancel sent in 303 {messageId} (reason: {e.Reason}); waiting for the 301");
                move.Parameters.AddWithValue("$now", Text(now));
                if (move.ExecuteNonQuery() != 1) throw new InvalidOperationException($"invoice {e.Code} is not accepted: it cannot be cancelled");
            }
            tx.Commit();
            return FindPackage(id)!;
        }
    }

    /// <summary>The entries of a 303 and what its 301 said of each (null until then).</summary>
    public IReadOnlyList<NoticeItem> NoticeItems(long packageId) =>
        ReadNoticeItems("WHERE i.package_id = $k ORDER BY i.position", packageId);

    /// <summary>Every 303 entry about an invoice, oldest first.</summary>
    public IReadOnlyList<NoticeItem> NoticeItemsOf(string code) =>
        ReadNoticeItems("WHERE i.code = $k ORDER BY i.package_id, i.position", code);

    /// <summary>Every 303 entry, in order (the chaos run's end checks).</summary>
    public IReadOnlyList<NoticeItem> AllNoticeItems() => ReadNoticeItems("ORDER BY i.package_id, i.position", 0);

    /// <summary>Every link of prov_chain: the new invoice, replace or adjust, the original (the chaos run's end checks).</summary>
    public IReadOnlyList<(string Code, string Kind, string Original)> Chains()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT code, kind, original FROM prov_chain ORDER BY created_at, code;");
            using var r = cmd.ExecuteReader();
            var list = new List<(string, string, string)>();
            while (r.Read()) list.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
            return list;
        }
    }

    private List<NoticeItem> ReadNoticeItems(string where, object key)
    {
        lock (_gate)
        {
            using var cmd = Command($"""
                SELECT k.message_id, i.position, i.code, i.action, i.reason, i.accepted, i.codes, i.detail, k.state
                FROM prov_notice_items i JOIN prov_packages k ON k.id = i.package_id {where};
                """);
            cmd.Parameters.AddWithValue("$k", key);
            using var r = cmd.ExecuteReader();
            var list = new List<NoticeItem>();
            while (r.Read())
                list.Add(new NoticeItem(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetInt32(5) == 1, r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
                    r.GetString(8)));
            return list;
        }
    }

    /// <summary>
    /// Records a 303's 301 in one transaction: each entry's verdict; an accepted cancel makes the invoice cancelled, a
    /// refused one puts it back to accepted with the reasons. A second 301 for the same 303 (a duplicate) changes nothing.
    /// </summary>
    /// <returns>False when the 303 had its 301 already.</returns>
    public bool RecordReply(long id, IReadOnlyList<NoticeVerdict> verdicts, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            using (var dup = Command("UPDATE prov_packages SET notices = notices + 1 WHERE id = $id RETURNING notices;", tx))
            {
                dup.Parameters.AddWithValue("$id", id);
                if ((long)dup.ExecuteScalar()! > 1)
                {
                    tx.Commit();
                    return false;
                }
            }
            var all = verdicts.Count > 0 && verdicts.All(v => v.Accepted);
            var codes = string.Join(",", verdicts.Where(v => v.Codes is not null).SelectMany(v => v.Codes!.Split(',')).Distinct());
            using (var cmd = Command("""
                UPDATE prov_packages SET state = $s, codes = $c, notice_at = $now, last_error = NULL WHERE id = $id;
                """, tx))
            {
                cmd.Parameters.AddWithValue("$s", all ? PackageState.Accepted : PackageState.Refused);
                cmd.Parameters.AddWithValue("$c", codes.Length == 0 ? DBNull.Value : codes);
                cmd.Parameters.AddWithValue("$now", Text(now));
                cmd.Parameters.AddWithValue("$id", id);
                cmd.ExecuteNonQuery();
            }
            foreach (var v in verdicts)
            {
                string? action = null;
                using (var cmd = Command("""
                    UPDATE prov_notice_items SET accepted = $a, codes = $c, detail = $d WHERE package_id = $id AND position = $i
                    RETURNING action;
                    """, tx))
                {
                    cmd.Parameters.AddWithValue("$a", v.Accepted ? 1 : 0);
                    cmd.Parameters.AddWithValue("$c", Db(v.Codes));
                    cmd.Parameters.AddWithValue("$d", Db(v.Detail));
                    cmd.Parameters.AddWithValue("$id", id);
                    cmd.Parameters.AddWithValue("$i", v.Position);
                    action = cmd.ExecuteScalar()?.ToString();
                }
                if (action != "1") continue;
                using var move = Command("""
                    UPDATE prov_invoices SET state = $s, codes = $c, detail = $d, updated_at = $now
                    WHERE code = (SELECT code FROM prov_notice_items WHERE package_id = $id AND position = $i) AND state = 'cancelling';
                    """, tx);
                move.Parameters.AddWithValue("$s", v.Accepted ? InvoiceState.Cancelled : InvoiceState.Accepted);
                move.Parameters.AddWithValue("$c", v.Accepted ? DBNull.Value : Db(v.Codes));
                move.Parameters.AddWithValue("$d", v.Accepted ? $"cancelled: the authority accepted the 04/SS-HĐĐT (301)" : $"cancel refused by the authority (301): {v.Detail}");
                move.Parameters.AddWithValue("$now", Text(now));
                move.Parameters.AddWithValue("$id", id);
                move.Parameters.AddWithValue("$i", v.Position);
                move.ExecuteNonQuery();
            }
            tx.Commit();
            return true;
        }
    }

    /// <summary>A 303 refused at reception (999 TTTNhan 1) or too big: rejected; invoices being cancelled by it are accepted again, with why.</summary>
    public void RejectNotice(long id, string codes, string detail, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            using (var cmd = Command("UPDATE prov_packages SET state = 'rejected', codes = $c, last_error = $d WHERE id = $id;", tx))
            {
                cmd.Parameters.AddWithValue("$c", codes);
                cmd.Parameters.AddWithValue("$d", detail);
                cmd.Parameters.AddWithValue("$id", id);
                cmd.ExecuteNonQuery();
            }
            using (var cmd = Command("""
                UPDATE prov_notice_items SET accepted = 0, codes = $c, detail = $d WHERE package_id = $id;
                UPDATE prov_invoices SET state = 'accepted', codes = $c, detail = 'cancel not received by the authority: ' || $d, updated_at = $now
                WHERE state = 'cancelling' AND code IN (SELECT code FROM prov_notice_items WHERE package_id = $id AND action = 1);
                """, tx))
            {
                cmd.Parameters.AddWithValue("$c", codes);
                cmd.Parameters.AddWithValue("$d", detail);
                cmd.Parameters.AddWithValue("$now", Text(now));
                cmd.Parameters.AddWithValue("$id", id);
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>Records that <paramref name="code"/> (a new invoice) replaces or adjusts <paramref name="original"/>.</summary>
    public void AddChain(string code, string kind, string original, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var cmd = Command("INSERT OR IGNORE INTO prov_chain (code, kind, original, created_at) VALUES ($c, $k, $o, $now);");
            cmd.Parameters.AddWithValue("$c", code);
            cmd.Parameters.AddWithValue("$k", kind);
            cmd.Parameters.AddWithValue("$o", original);
            cmd.Parameters.AddWithValue("$now", Text(now));
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Links every invoice whose sale names a related invoice (a replacement, an adjustment) and has no link yet.</summary>
    public int AdoptChains(DateTimeOffset now)
    {
        lock (_gate)
        {
            using var cmd = Command("""
                INSERT OR IGNORE INTO prov_chain (code, kind, original, created_at)
                SELECT code, CASE kind WHEN 1 THEN 'replace' ELSE 'adjust' END, original, $now
                FROM (SELECT p.code,
                             CASE WHEN json_valid(p.sale_json) THEN json_extract(p.sale_json, '$.related.kind') END AS kind,
                             CASE WHEN json_valid(p.sale_json) THEN json_extract(p.sale_json, '$.related.code') END AS original
                      FROM pos_invoices p
                      WHERE p.sale_json LIKE '%"related"%' AND NOT EXISTS (SELECT 1 FROM prov_chain c WHERE c.code = p.code))
                WHERE original IS NOT NULL AND kind IN (1, 2);
                """);
            cmd.Parameters.AddWithValue("$now", Text(now));
            return cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Replacements whose original has no 303 entry (TCTBao 3) that is sent or on its way.</summary>
    public IReadOnlyList<(string Replacement, string Original)> ReplacementsWithoutNotice()
    {
        lock (_gate)
        {
            using var cmd = Command("""
                SELECT c.code, c.original FROM prov_chain c
                WHERE c.kind = 'replace' AND NOT EXISTS (
                    SELECT 1 FROM prov_notice_items i JOIN prov_packages k ON k.id = i.package_id
                    WHERE i.code = c.original AND i.action = 3 AND k.state <> 'rejected')
                ORDER BY c.created_at, c.code;
                """);
            using var r = cmd.ExecuteReader();
            var list = new List<(string, string)>();
            while (r.Read()) list.Add((r.GetString(0), r.GetString(1)));
            return list;
        }
    }

    /// <summary>The chain around an invoice: what it replaces or adjusts, and what replaces or adjusts it.</summary>
    public InvoiceChain Chain(string code)
    {
        using (var reader = _allocator.RentReader()) // read on a reader: not held up by a commit in progress
        {
            using var tx = reader.Connection.BeginTransaction(deferred: true); // both reads from one snapshot
            string? kind = null, original = null;
            {
                var cmd = reader.Statements.Get("SELECT kind, original FROM prov_chain WHERE code = $c;", tx);
                Pos.StatementCache.Set(cmd, "$c", code);
                using var r = cmd.ExecuteReader();
                if (r.Read()) (kind, original) = (r.GetString(0), r.GetString(1));
            }
            var replacedBy = new List<string>();
            var adjustedBy = new List<string>();
            {
                var cmd = reader.Statements.Get("SELECT code, kind FROM prov_chain WHERE original = $c ORDER BY created_at, code;", tx);
                Pos.StatementCache.Set(cmd, "$c", code);
                using var r = cmd.ExecuteReader();
                while (r.Read()) (r.GetString(1) == ChainKind.Replace ? replacedBy : adjustedBy).Add(r.GetString(0));
            }
            return new InvoiceChain(kind == ChainKind.Replace ? original : null, kind == ChainKind.Adjust ? original : null,
                replacedBy.FirstOrDefault(), adjustedBy);
        }
    }
}

/// <summary>prov_chain's kinds.</summary>
public static class ChainKind
{
    public const string Replace = "replace";
    public const string Adjust = "adjust";
}

/// <summary>One entry of a 303 to record: the invoice, TCTBao (1 cancel, 2 adjust, 3 replace, 4 explain) and the reason.</summary>
public sealed record NoticeEntry(string Code, int Action, string Reason);

/// <summary>What the 301 said of entry <paramref name="Position"/> (STT) of a 303.</summary>
public sealed record NoticeVerdict(int Position, bool Accepted, string? Codes, string? Detail);

/// <summary>A 303 entry as recorded, with the 301's verdict once it came (<paramref name="Accepted"/> null until then).</summary>
public sealed record NoticeItem(string MessageId, int Position, string Code, int Action, string Reason, bool? Accepted,
    string? Codes, string? Detail, string NoticeState);

/// <summary>The invoices around one: <paramref name="Replaces"/>/<paramref name="Adjusts"/> the original it corrects; who corrects it.</summary>
public sealed record InvoiceChain(string? Replaces, string? Adjusts, string? ReplacedBy, IReadOnlyList<string> AdjustedBy);

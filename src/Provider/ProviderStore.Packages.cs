using ConformanceKit.Provider.Pos;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider;

/// <summary>The outbox's packages: built, signed, sent, answered.</summary>
public sealed partial class ProviderStore
{
    private const string PackageColumns = """
        id, message_id, tax_code, state, invoice_count, created_at, unsigned, signed, attempts, next_attempt_at,
        last_error, acked_at, notice_at, ltbao, codes, late, overdue, notices, received_at, kind
        """;

    /// <summary>How many invoices wait for a package, and when the oldest was issued.</summary>
    public (int Count, DateTimeOffset? Oldest) Pending(string taxCode)
    {
        lock (_gate)
        {
            using var cmd = Command("""
                SELECT COUNT(*), MIN(p.issued_at) FROM prov_invoices v JOIN pos_invoices p ON p.code = v.code
                WHERE v.state = 'issued' AND p.tax_code = $mst;
                """);
            cmd.Parameters.AddWithValue("$mst", taxCode);
            using var r = cmd.ExecuteReader();
            r.Read();
            return (r.GetInt32(0), Time(r, 1));
        }
    }

    /// <summary>Up to <paramref name="limit"/> invoices waiting for a package, oldest first.</summary>
    public IReadOnlyList<AllocatedInvoice> TakePending(string taxCode, int limit)
    {
        lock (_gate)
        {
            using var cmd = Command($"""
                SELECT {Prefixed("p.")} FROM prov_invoices v JOIN pos_invoices p ON p.code = v.code
                WHERE v.state = 'issued' AND p.tax_code = $mst ORDER BY p.issued_at, p.block, p.serial LIMIT $n;
                """);
            cmd.Parameters.AddWithValue("$mst", taxCode);
            cmd.Parameters.AddWithValue("$n", limit);
            using var r = cmd.ExecuteReader();
            var list = new List<AllocatedInvoice>();
            while (r.Read()) list.Add(CodeAllocator.Read(r));
            return list;
        }
    }

    /// <summary>
    /// Records a new package and moves its invoices into it, in one transaction. With
    /// <paramref name="signed"/> it is ready to send; without, it waits to be signed.
    /// </summary>
    public PackageRecord CreatePackage(string messageId, string taxCode, byte[] unsigned, byte[]? signed,
        IReadOnlyList<string> codes, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            long id;
            using (var insert = Command("""
                INSERT INTO prov_packages (message_id, tax_code, state, invoice_count, created_at, unsigned, signed)
                VALUES ($id, $mst, $state, $n, $now, $unsigned, $signed) RETURNING id;
                """, tx))
            {
                insert.Parameters.AddWithValue("$id", messageId);
                insert.Parameters.AddWithValue("$mst", taxCode);
                insert.Parameters.AddWithValue("$state", signed is null ? PackageState.ToSign : PackageState.Ready);
                insert.Parameters.AddWithValue("$n", codes.Count);
                insert.Parameters.AddWithValue("$now", Text(now));
                insert.Parameters.AddWithValue("$unsigned", unsigned);
                insert.Parameters.AddWithValue("$signed", Db(signed));
                id = (long)insert.ExecuteScalar()!;
            }
            for (var i = 0; i < codes.Count; i++)
            {
                using var item = Command("INSERT INTO prov_package_items (package_id, position, code) VALUES ($p, $i, $c);", tx);
                item.Parameters.AddWithValue("$p", id);
                item.Parameters.AddWithValue("$i", i + 1);
                item.Parameters.AddWithValue("$c", codes[i]);
                item.ExecuteNonQuery();
                using var move = Command("""
                    UPDATE prov_invoices SET state = 'packaged', package_id = $p, packagings = packagings + 1, updated_at = $now
                    WHERE code = $c AND state = 'issued';
                    """, tx);
                move.Parameters.AddWithValue("$p", id);
                move.Parameters.AddWithValue("$c", codes[i]);
                move.Parameters.AddWithValue("$now", Text(now));
                if (move.ExecuteNonQuery() != 1) throw new InvalidOperationException($"invoice {codes[i]} is not waiting for a package");
            }
            tx.Commit();
            return FindPackage(id)!;
        }
    }

    /// <summary>An invoice waiting for a package that can never be in one: rejected with why, so it no longer waits.</summary>
    public void SetAside(string code, string codes, string detail, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var cmd = Command("""
                UPDATE prov_invoices SET state = 'rejected', codes = $c, detail = $d, updated_at = $now
                WHERE code = $code AND state = 'issued';
                """);
            cmd.Parameters.AddWithValue("$c", codes);
            cmd.Parameters.AddWithValue("$d", detail);
            cmd.Parameters.AddWithValue("$now", Text(now));
            cmd.Parameters.AddWithValue("$code", code);
            if (cmd.ExecuteNonQuery() != 1) throw new InvalidOperationException($"invoice {code} is not waiting for a package");
        }
    }

    /// <param name="withContent">False: <see cref="PackageRecord.Unsigned"/> and <see cref="PackageRecord.Signed"/> come back
    /// empty — for lists and polls that only need the state, not up to 2 MB per package.</param>
    public IReadOnlyList<PackageRecord> Packages(string? state = null, int limit = 10_000, bool withContent = true)
    {
        lock (_gate)
        {
            var columns = withContent ? PackageColumns : PackageColumns.Replace("unsigned, signed", "X'' AS unsigned, NULL AS signed", StringComparison.Ordinal);
            using var cmd = Command($"SELECT {columns} FROM prov_packages {(state is null ? "" : "WHERE state = $s")} ORDER BY id LIMIT $n;");
            if (state is not null) cmd.Parameters.AddWithValue("$s", state);
            cmd.Parameters.AddWithValue("$n", limit);
            return ReadPackages(cmd);
        }
    }

    /// <summary>Whether any package is in <paramref name="state"/>.</summary>
    public bool AnyPackage(string state)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT EXISTS (SELECT 1 FROM prov_packages WHERE state = $s);");
            cmd.Parameters.AddWithValue("$s", state);
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
    }

    public PackageRecord? FindPackage(string messageId)
    {
        lock (_gate)
        {
            using var cmd = Command($"SELECT {PackageColumns} FROM prov_packages WHERE message_id = $id;");
            cmd.Parameters.AddWithValue("$id", messageId);
            return ReadPackages(cmd).FirstOrDefault();
        }
    }

    /// <summary>The codes of a package, by position (HDon 1, 2 …).</summary>
    public IReadOnlyList<string> PackageCodes(long packageId)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT code FROM prov_package_items WHERE package_id = $p ORDER BY position;");
            cmd.Parameters.AddWithValue("$p", packageId);
            using var r = cmd.ExecuteReader();
            var list = new List<string>();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        }
    }

    /// <summary>Stores the signature of a package waiting for one; false when it is no longer waiting.</summary>
    public bool SetSigned(long id, byte[] signed)
    {
        lock (_gate)
        {
            using var cmd = Command("""
                UPDATE prov_packages SET signed = $b, state = 'ready', attempts = 0, next_attempt_at = NULL, last_error = NULL
                WHERE id = $id AND state = 'to-sign';
                """);
            cmd.Parameters.AddWithValue("$b", signed);
            cmd.Parameters.AddWithValue("$id", id);
            return cmd.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>A step that failed and will be tried again (send, or sign for a remote signer).</summary>
    public void Postpone(long id, string error, DateTimeOffset nextAttemptAt)
    {
        lock (_gate)
        {
            using var cmd = Command("UPDATE prov_packages SET attempts = attempts + 1, last_error = $e, next_attempt_at = $t WHERE id = $id;");
            cmd.Parameters.AddWithValue("$e", error);
            cmd.Parameters.AddWithValue("$t", Text(nextAttemptAt));
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>The 999 said TTTNhan 0: wait for the 204.</summary>
    /// <param name="receivedAt">The 999's NNhan: when the authority received it, on the authority's clock.</param>
    public void Acknowledged(long id, DateTimeOffset now, DateTimeOffset? receivedAt = null)
    {
        lock (_gate)
        {
            using var cmd = Command("""
                UPDATE prov_packages SET state = 'acknowledged', acked_at = $now, received_at = $received, last_error = NULL,
                    next_attempt_at = NULL
                WHERE id = $id AND state = 'ready';
                """);
            cmd.Parameters.AddWithValue("$now", Text(now));
            cmd.Parameters.AddWithValue("$received", receivedAt is { } r ? Text(r) : DBNull.Value);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The package is settled without a 204 of its own (999 TTTNhan 1, 413): the package becomes
    /// rejected and its invoices take <paramref name="invoiceState"/>.
    /// </summary>
    public void Reject(long id, string codes, string detail, string invoiceState, DateTimeOffset now)
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
                UPDATE prov_invoices SET state = $s, codes = $c, detail = $d, updated_at = $now
                WHERE package_id = $id AND state = 'packaged';
                """, tx))
            {
                cmd.Parameters.AddWithValue("$s", invoiceState);
                cmd.Parameters.AddWithValue("$c", codes);
                cmd.Parameters.AddWithValue("$d", detail);
                cmd.Parameters.AddWithValue("$now", Text(now));
                cmd.Parameters.AddWithValue("$id", id);
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>
    /// Records a package's 204 and what became of its invoices, in one transaction. A second 204 for
    /// the same package (a duplicate) is counted and changes nothing else.
    /// </summary>
    /// <returns>False when the package had its 204 already.</returns>
    public bool RecordNotice(long id, int ltbao, string codes, bool late, IReadOnlyList<InvoiceOutcome> outcomes, DateTimeOffset now)
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
            using (var cmd = Command("""
                UPDATE prov_packages SET state = $s, ltbao = $l, codes = $c, late = $late, notice_at = $now, last_error = NULL
                WHERE id = $id;
                """, tx))
            {
                cmd.Parameters.AddWithValue("$s", ltbao == 2 ? PackageState.Accepted : PackageState.Refused);
                cmd.Parameters.AddWithValue("$l", ltbao);
                cmd.Parameters.AddWithValue("$c", codes);
                cmd.Parameters.AddWithValue("$late", late ? 1 : 0);
                cmd.Parameters.AddWithValue("$now", Text(now));
                cmd.Parameters.AddWithValue("$id", id);
                cmd.ExecuteNonQuery();
            }
            ApplyOutcomes(id, outcomes, now, tx);
            tx.Commit();
            return true;
        }
    }

    /// <summary>
    /// No 204 by the deadline: flags the package and applies what the look-up found (stored →
    /// accepted, not stored → issued again, to go in a new package). The package keeps waiting.
    /// </summary>
    public void MarkOverdue(long id, IReadOnlyList<InvoiceOutcome> outcomes, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            using (var cmd = Command("UPDATE prov_packages SET overdue = 1 WHERE id = $id;", tx))
            {
                cmd.Parameters.AddWithValue("$id", id);
                cmd.ExecuteNonQuery();
            }
            ApplyOutcomes(id, outcomes, now, tx);
            tx.Commit();
        }
    }

    /// <summary>Held invoices (and rejected ones, with <paramref name="includeRejected"/>) go back to the queue.</summary>
    public int Requeue(bool includeRejected, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var cmd = Command($"""
                UPDATE prov_invoices SET state = 'issued', package_id = NULL, updated_at = $now
                WHERE state = 'held' {(includeRejected ? "OR state = 'rejected'" : "")};
                """);
            cmd.Parameters.AddWithValue("$now", Text(now));
            return cmd.ExecuteNonQuery();
        }
    }

    // An outcome changes an invoice only while it is still in this package: an invoice re-packaged
    // after an overdue look-up belongs to its new package, except that a stored answer always wins.
    private void ApplyOutcomes(long id, IReadOnlyList<InvoiceOutcome> outcomes, DateTimeOffset now, SqliteTransaction tx)
    {
        foreach (var o in outcomes)
        {
            using var cmd = Command(o.State == InvoiceState.Accepted
                ? """
                  UPDATE prov_invoices SET state = 'accepted', codes = $c, detail = $d, updated_at = $now
                  WHERE code = $code AND state <> 'accepted';
                  """
                : """
                  UPDATE prov_invoices SET state = $s, codes = $c, detail = $d, updated_at = $now,
                      package_id = CASE WHEN $s = 'issued' THEN NULL ELSE package_id END
                  WHERE code = $code AND package_id = $id AND state = 'packaged';
                  """, tx);
            cmd.Parameters.AddWithValue("$s", o.State);
            cmd.Parameters.AddWithValue("$c", Db(o.Codes));
            cmd.Parameters.AddWithValue("$d", Db(o.Detail));
            cmd.Parameters.AddWithValue("$now", Text(now));
            cmd.Parameters.AddWithValue("$code", o.Code);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }
    }

    private PackageRecord? FindPackage(long id)
    {
        using var cmd = Command($"SELECT {PackageColumns} FROM prov_packages WHERE id = $id;");
        cmd.Parameters.AddWithValue("$id", id);
        return ReadPackages(cmd).FirstOrDefault();
    }

    private static List<PackageRecord> ReadPackages(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<PackageRecord>();
        while (r.Read())
            list.Add(new PackageRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                Time(r, 5)!.Value, (byte[])r[6], r.IsDBNull(7) ? null : (byte[])r[7], r.GetInt32(8), Time(r, 9),
                r.IsDBNull(10) ? null : r.GetString(10), Time(r, 11), Time(r, 12), r.IsDBNull(13) ? null : r.GetInt32(13),
                r.IsDBNull(14) ? null : r.GetString(14), r.GetInt32(15) == 1, r.GetInt32(16) == 1, r.GetInt32(17), Time(r, 18), r.GetString(19)));
        return list;
    }

    private static string Prefixed(string prefix) =>
        string.Join(", ", CodeAllocator.Columns.Split(", ").Select(c => prefix + c));
}

using System.Globalization;
using ConformanceKit.Provider.Pos;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConformanceKit.Provider.Import;

/// <summary>
/// The intermediate-table connection mode: the shop's POS writes sales into two SQLite tables
/// (<c>ck_sales</c>, <c>ck_sale_lines</c>, see <see cref="Schema"/>); each poll issues the sales with
/// status 'new' under sale id <c>table:&lt;id&gt;</c> and writes back status 'issued' and the invoice
/// code — or status 'error' and where the mapping failed, sending nothing for that sale. A crash
/// between issuing and the write-back is safe: the sale is still 'new', the next poll submits it again
/// and the idempotent intake returns the invoice issued the first time. A row with <c>correction</c> set cancels,
/// replaces or adjusts the invoice <c>related_code</c> names (docs/provider-import.md#corrections).
/// </summary>
public sealed class IntermediateTablePoller
{
    /// <summary>The tables' DDL (docs/provider-import.md); <see cref="EnsureSchema"/> runs it.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS ck_sales (
            id             TEXT PRIMARY KEY,
            register_id    TEXT,
            buyer_name     TEXT,
            buyer_tax_code TEXT,
            buyer_address  TEXT,
            buyer_id       TEXT,
            buyer_phone    TEXT,
            payment_method TEXT,
            created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            status         TEXT NOT NULL DEFAULT 'new',
            invoice_code   TEXT,
            error          TEXT,
            correction     TEXT,
            related_code   TEXT,
            reason         TEXT,
            notice         TEXT
        );
        CREATE INDEX IF NOT EXISTS ck_sales_status ON ck_sales (status, created_at, id);
        CREATE TABLE IF NOT EXISTS ck_sale_lines (
            sale_id    TEXT NOT NULL,
            line_no    INTEGER NOT NULL,
            kind       TEXT NOT NULL DEFAULT 'goods',
            name       TEXT,
            unit       TEXT,
            quantity   TEXT,
            unit_price TEXT,
            vat_rate   TEXT,
            discount   TEXT,
            item_code  TEXT,
            PRIMARY KEY (sale_id, line_no)
        );
        """;

    private const string LineColumns = "kind, name, unit, quantity, unit_price, vat_rate, discount, item_code";

    /// <summary>The ck_sales columns of corrections (docs/provider-import.md#corrections), added to a table made before them.</summary>
    private static readonly string[] CorrectionColumns = ["correction", "related_code", "reason", "notice"];

    private readonly ICorrectionIntake? _corrections;
    private bool _migrated;

    private readonly ISaleIntake _intake;
    private readonly string _connectionString;
    private readonly TimeSpan _pollInterval;
    private readonly int _batchSize;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _polling = new(1, 1);

    /// <param name="intake">Where the sales go.</param>
    /// <param name="connectionString">The shop's SQLite database, e.g. "Data Source=shop.db".</param>
    /// <param name="pollInterval">The time between two polls of <see cref="RunAsync"/> (e.g. 2 s).</param>
    /// <param name="batchSize">At most this many sales per poll (oldest first).</param>
    /// <param name="time">The clock for the poll loop (system clock by default).</param>
    /// <param name="log">Progress and failures (nothing by default).</param>
    public IntermediateTablePoller(ISaleIntake intake, string connectionString, TimeSpan pollInterval, int batchSize = 100,
        TimeProvider? time = null, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (pollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(pollInterval), "the poll interval must be positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _intake = intake;
        _corrections = intake as ICorrectionIntake;
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 }.ToString();
        _pollInterval = pollInterval;
        _batchSize = batchSize;
        _time = time ?? TimeProvider.System;
        _log = log ?? NullLogger.Instance;
    }

    /// <summary>Creates ck_sales and ck_sale_lines when missing (an empty file is fine); adds the correction columns to an older ck_sales.</summary>
    public void EnsureSchema()
    {
        using var connection = Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Schema;
            command.ExecuteNonQuery();
        }
        Migrate(connection);
    }

    /// <summary>Adds the correction columns ck_sales lacks (a table made before corrections); existing rows keep them NULL, i.e. sales.</summary>
    private void Migrate(SqliteConnection connection)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('ck_sales')";
            using var reader = info.ExecuteReader();
            while (reader.Read()) present.Add(reader.GetString(0));
        }
        if (present.Count > 0)
        {
            foreach (var column in CorrectionColumns.Where(c => !present.Contains(c)))
            {
                using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE ck_sales ADD COLUMN {column} TEXT";
                alter.ExecuteNonQuery();
            }
        }
        _migrated = true;
    }

    /// <summary>Polls every poll interval until cancelled; a failing poll is logged and the loop goes on.</summary>
    /// <returns>A task that completes (without throwing) when <paramref name="cancellationToken"/> is cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _log.LogInformation("polling ck_sales every {Interval}", _pollInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException e)
            {
                _log.LogWarning("polling the intermediate table failed: {Message}", e.Message);
            }
            try
            {
                await Task.Delay(_pollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One poll: up to the batch size of 'new' sales, by created_at then id. Stops at the first
    /// provider failure (other than a refused sale), leaving the rest 'new' for the next poll.
    /// </summary>
    /// <exception cref="SqliteException">The database cannot be read or written (missing tables: call <see cref="EnsureSchema"/>).</exception>
    public async Task<TablePollResult> PollOnceAsync(CancellationToken cancellationToken)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            if (!_migrated) Migrate(connection);
            var issued = new List<(string, SaleReceipt)>();
            var failed = new List<(string, string)>();
            var corrected = new List<(string, CorrectionReceipt)>();
            foreach (var row in ReadNew(connection))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (sale, error) = MapSafely(connection, row);
                if (sale is null)
                {
                    SetError(connection, row.Id, error!);
                    failed.Add((row.Id, error!));
                    _log.LogWarning("ck_sales '{Id}': {Error}", row.Id, error);
                    continue;
                }
                if (row.Correction is { } correction)
                {
                    switch (await CorrectAsync(connection, row, correction, sale, cancellationToken).ConfigureAwait(false))
                    {
                        case { Done: { } done }:
                            corrected.Add((row.Id, done));
                            continue;
                        case { Error: { } why }:
                            failed.Add((row.Id, why));
                            continue;
                        case { Failure: { } failure }:
                            return new TablePollResult(issued, failed, failure, corrected);
                    }
                }
                SaleReceipt receipt;
                try
                {
                    receipt = await _intake.SubmitAsync("table:" + row.Id, sale, row.RegisterId, cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException e)
                {
                    var message = "the provider refused the sale: " + e.Message;
                    SetError(connection, row.Id, message);
                    failed.Add((row.Id, message));
                    _log.LogWarning("ck_sales '{Id}': {Error}", row.Id, message);
                    continue;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e)
                {
                    _log.LogWarning("ck_sales '{Id}': the provider failed ({Message}); trying again next poll", row.Id, e.Message);
                    return new TablePollResult(issued, failed, e.Message, corrected);
                }
                using (var update = connection.CreateCommand())
                {
                    update.CommandText = "UPDATE ck_sales SET status = 'issued', invoice_code = $code, error = NULL WHERE id = $id";
                    update.Parameters.AddWithValue("$code", receipt.Invoice.Code.Value);
                    update.Parameters.AddWithValue("$id", row.Id);
                    update.ExecuteNonQuery();
                }
                issued.Add((row.Id, receipt));
                _log.LogInformation("ck_sales '{Id}': issued {Code}", row.Id, receipt.Invoice.Code.Value);
            }
            return new TablePollResult(issued, failed, null, corrected);
        }
        finally
        {
            _polling.Release();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private sealed record SaleRow(string Id, string? RegisterId, Buyer Buyer, string? PaymentMethod, ImportedCorrection? Correction = null,
        string? CorrectionError = null);

    private sealed record CorrectionOutcome(CorrectionReceipt? Done, string? Error, string? Failure);

    /// <summary>
    /// A correction row: refused by the chain rules → 'error' with why (nothing sent); done → 'issued', invoice_code = the
    /// replacement or adjustment (the invoice cancelled, for a cancel), notice = the 303's MTDiep; a provider failure
    /// leaves it 'new'. Keyed <c>table:&lt;id&gt;</c> like a sale: a crash before the write-back is repaired by the next poll.
    /// </summary>
    private async Task<CorrectionOutcome> CorrectAsync(SqliteConnection connection, SaleRow row, ImportedCorrection correction, Sale sale,
        CancellationToken cancellationToken)
    {
        var id = "table:" + row.Id;
        var request = correction.Request(sale);
        string? why;
        CorrectionReceipt? done = null;
        try
        {
            why = _corrections is null ? "this provider takes no corrections" : _corrections.CheckCorrection(id, request);
            if (why is null) done = await _corrections!.SubmitCorrectionAsync(id, request, row.RegisterId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CorrectionRefusedException or ArgumentException)
        {
            why = e.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            _log.LogWarning("ck_sales '{Id}': the provider failed ({Message}); trying again next poll", row.Id, e.Message);
            return new CorrectionOutcome(null, null, e.Message);
        }
        if (done is null)
        {
            var message = "ck_sales column related_code: the correction is refused: " + why;
            SetError(connection, row.Id, message);
            _log.LogWarning("ck_sales '{Id}': {Error}", row.Id, message);
            return new CorrectionOutcome(null, message, null);
        }
        using (var update = connection.CreateCommand())
        {
            update.CommandText = "UPDATE ck_sales SET status = 'issued', invoice_code = $code, notice = $notice, error = NULL WHERE id = $id";
            update.Parameters.AddWithValue("$code", done.Code);
            update.Parameters.AddWithValue("$notice", (object?)done.Notice ?? DBNull.Value);
            update.Parameters.AddWithValue("$id", row.Id);
            update.ExecuteNonQuery();
        }
        _log.LogInformation("ck_sales '{Id}': {Correction} of {Original} done ({Code})", row.Id, SaleFolderWatcher.Kind(correction.Kind), correction.Code, done.Code);
        return new CorrectionOutcome(done, null, null);
    }

    private List<SaleRow> ReadNew(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, register_id, buyer_name, buyer_address, buyer_tax_code, buyer_id, buyer_phone, payment_method,
                   correction, related_code, reason
            FROM ck_sales WHERE status = 'new' ORDER BY created_at, id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", _batchSize);
        using var reader = command.ExecuteReader();
        var rows = new List<SaleRow>();
        while (reader.Read())
        {
            var errors = new List<string>();
            var correction = ImportedCorrection.Read(Text(reader, 8), Text(reader, 9), Text(reader, 10), 0, c => c,
                (_, column, message) => errors.Add($"ck_sales column {column}: {message}"));
            rows.Add(new SaleRow(Text(reader, 0), Optional(reader, 1),
                new Buyer(Optional(reader, 2), Optional(reader, 3), Optional(reader, 4), Optional(reader, 5), Optional(reader, 6)),
                Optional(reader, 7), correction, errors.Count == 0 ? null : string.Join("; ", errors)));
        }
        return rows;
    }

    // A row the mapping cannot read (line_no not a number, odd values) is that row's error: it must
    // not stop the poll for the rows behind it. The database failing is the poll's failure.
    private static (Sale? Sale, string? Error) MapSafely(SqliteConnection connection, SaleRow row)
    {
        try
        {
            if ((SaleLimits.FindId(row.Id, "id", SaleLimits.SaleIdLength)
                    ?? SaleLimits.FindId(row.RegisterId, "register_id", SaleLimits.RegisterIdLength)) is { } bad)
                return (null, $"ck_sales column {bad.Field}: {bad.Message}");
            if (row.CorrectionError is { } wrong) return (null, wrong);
            if (row.Correction is not { Kind: CorrectionKind.Cancel }) return Map(connection, row);
            using var lines = connection.CreateCommand(); // a cancel: the invoice cancelled has the lines
            lines.CommandText = "SELECT count(*) FROM ck_sale_lines WHERE sale_id = $id";
            lines.Parameters.AddWithValue("$id", row.Id);
            return Convert.ToInt64(lines.ExecuteScalar(), CultureInfo.InvariantCulture) > 0
                ? (null, "ck_sale_lines: a cancel carries no line (the invoice cancelled has them)")
                : (new Sale { Lines = [] }, null);
        }
        catch (Exception e) when (e is not SqliteException)
        {
            return (null, "ck_sale_lines: the sale's rows cannot be read: " + e.Message);
        }
    }

    /// <summary>The sale, or null and the error text for ck_sales.error.</summary>
    private static (Sale? Sale, string? Error) Map(SqliteConnection connection, SaleRow row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT line_no, {LineColumns} FROM ck_sale_lines WHERE sale_id = $id ORDER BY line_no";
        command.Parameters.AddWithValue("$id", row.Id);
        var errors = new List<MappingError>();
        var mapper = new SaleRowMapper("ck_sale_lines", errors);
        var count = 0;
        using (var reader = command.ExecuteReader())
        {
            var columns = LineColumns.Split(", ");
            while (reader.Read())
            {
                count++;
                var lineNo = reader.GetInt32(0);
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var c = 0; c < columns.Length; c++) values[columns[c]] = Text(reader, c + 1);
                mapper.Add(lineNo, column => values.TryGetValue(column, out var v) ? v : "");
            }
        }
        if (count == 0) return (null, "ck_sale_lines: the sale has no line (sale_id = ck_sales.id)");
        var sale = mapper.Build(row.Buyer == new Buyer() ? null : row.Buyer, row.PaymentMethod);
        return sale is not null
            ? (sale, null)
            : (null, string.Join("; ", errors.Select(e => e.Column.StartsWith("buyer_", StringComparison.Ordinal) || e.Column == "payment_method"
                ? $"ck_sales column {e.Column}: {e.Message}"
                : $"ck_sale_lines row {e.Row}, column {e.Column}: {e.Message}")));
    }

    private static void SetError(SqliteConnection connection, string id, string error)
    {
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE ck_sales SET status = 'error', error = $error WHERE id = $id AND status = 'new'";
        update.Parameters.AddWithValue("$error", error);
        update.Parameters.AddWithValue("$id", id);
        update.ExecuteNonQuery();
    }

    /// <summary>A value as text: numbers written as REAL or INTEGER come back in invariant notation.</summary>
    private static string Text(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal)) return "";
        return reader.GetValue(ordinal) switch
        {
            long l => l.ToString(CultureInfo.InvariantCulture),
            double d => ((decimal)d).ToString(CultureInfo.InvariantCulture),
            string s => s.Trim(),
            var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
        };
    }

    private static string? Optional(SqliteDataReader reader, int ordinal) => Text(reader, ordinal) is { Length: > 0 } s ? s : null;
}

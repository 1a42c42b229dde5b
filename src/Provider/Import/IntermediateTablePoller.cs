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
/// and the idempotent intake returns the invoice issued the first time.
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
            error          TEXT
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
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 }.ToString();
        _pollInterval = pollInterval;
        _batchSize = batchSize;
        _time = time ?? TimeProvider.System;
        _log = log ?? NullLogger.Instance;
    }

    /// <summary>Creates ck_sales and ck_sale_lines when missing (an empty file is fine).</summary>
    public void EnsureSchema()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
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
            var issued = new List<(string, SaleReceipt)>();
            var failed = new List<(string, string)>();
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
                    return new TablePollResult(issued, failed, e.Message);
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
            return new TablePollResult(issued, failed);
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

    private sealed record SaleRow(string Id, string? RegisterId, Buyer Buyer, string? PaymentMethod);

    private List<SaleRow> ReadNew(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, register_id, buyer_name, buyer_address, buyer_tax_code, buyer_id, buyer_phone, payment_method
            FROM ck_sales WHERE status = 'new' ORDER BY created_at, id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", _batchSize);
        using var reader = command.ExecuteReader();
        var rows = new List<SaleRow>();
        while (reader.Read())
        {
            rows.Add(new SaleRow(Text(reader, 0), Optional(reader, 1),
                new Buyer(Optional(reader, 2), Optional(reader, 3), Optional(reader, 4), Optional(reader, 5), Optional(reader, 6)),
                Optional(reader, 7)));
        }
        return rows;
    }

    // A row the mapping cannot read (line_no not a number, odd values) is that row's error: it must
    // not stop the poll for the rows behind it. The database failing is the poll's failure.
    private static (Sale? Sale, string? Error) MapSafely(SqliteConnection connection, SaleRow row)
    {
        try
        {
            return (SaleLimits.FindId(row.Id, "id", SaleLimits.SaleIdLength)
                    ?? SaleLimits.FindId(row.RegisterId, "register_id", SaleLimits.RegisterIdLength)) is { } bad
                ? (null, $"ck_sales column {bad.Field}: {bad.Message}")
                : Map(connection, row);
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

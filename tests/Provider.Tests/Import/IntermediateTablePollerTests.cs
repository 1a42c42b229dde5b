using ConformanceKit.Provider.Import;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider.Tests.Import;

public sealed class IntermediateTablePollerTests
{
    private static (IntermediateTablePoller Poller, FakeIntake Intake, string ConnectionString) Setup(int batchSize = 100)
    {
        var connectionString = $"Data Source={Path.Combine(TestFolder.Create(), "shop.db")}";
        var intake = new FakeIntake();
        var poller = new IntermediateTablePoller(intake, connectionString, TimeSpan.FromSeconds(1), batchSize);
        poller.EnsureSchema();
        poller.EnsureSchema(); // idempotent
        return (poller, intake, connectionString);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<(string Id, string Status, string? Code, string? Error)> Sales(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status, invoice_code, error FROM ck_sales ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string?, string?)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return rows;
    }

    private const string ThreeSales = """
        INSERT INTO ck_sales (id, register_id, buyer_name, buyer_tax_code, payment_method, created_at) VALUES
          ('HD-1', 'quay-2', 'Công ty TNHH An Bình', '0101234567', 'CK', '2026-03-01T08:00:00Z'),
          ('HD-2', NULL, NULL, NULL, NULL, '2026-03-01T08:01:00Z'),
          ('HD-3', NULL, NULL, NULL, NULL, '2026-03-01T08:02:00Z');
        INSERT INTO ck_sale_lines (sale_id, line_no, kind, name, unit, quantity, unit_price, vat_rate, discount, item_code) VALUES
          ('HD-1', 1, 'goods', 'Cà phê sữa, đá', 'Ly', '2', '25000', '8%', NULL, 'CF01'),
          ('HD-1', 2, 'goods', 'Trà', 'Ly', 1.5, 30000, '10%', 5000, NULL),
          ('HD-1', 3, 'promotion', 'Móc khóa', 'Cái', 1, NULL, NULL, NULL, NULL),
          ('HD-1', 4, 'discount', 'Chiết khấu', NULL, NULL, '10000', '8%', NULL, NULL),
          ('HD-2', 1, 'goods', 'Bánh', 'Cái', '1', '1000', '9%', NULL, NULL),
          ('HD-2', 2, 'goods', 'Kẹo', 'Gói', 'x', '1000', '8%', NULL, NULL),
          ('HD-3', 1, 'goods', 'Nước', 'Chai', 3, 5000, 'KCT', NULL, NULL);
        """;

    [Fact]
    public async Task New_sales_are_issued_and_bad_ones_marked_error_with_row_and_column_and_not_sent()
    {
        var (poller, intake, db) = Setup();
        Execute(db, ThreeSales);

        var result = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(["table:HD-1", "table:HD-3"], intake.Calls);
        Assert.Equal(["HD-1", "HD-3"], result.Issued.Select(i => i.Id));
        var hd1 = intake.Issued["table:HD-1"].Invoice.Totals;
        Assert.Equal(50000m + 40000m - 10000m + 3200m + 4000m, hd1.TotalPayable);
        Assert.Equal(
            [
                ("HD-1", "issued", "M1-26-A1B2C-00000000001", null),
                ("HD-2", "error", null,
                    "ck_sale_lines row 1, column vat_rate: '9%' is not a VAT rate; accepted: 0%, 5%, 8%, 10%, KCT, KKKNT or KHAC:AB.CD; "
                    + "ck_sale_lines row 2, column quantity: 'x' is not a number (use '.' for decimals, no thousands separator)"),
                ("HD-3", "issued", "M1-26-A1B2C-00000000002", null),
            ],
            Sales(db));
        Assert.Equal(Sales(db)[1].Error, Assert.Single(result.Errors).Error);
        var sale = intake.Issued["table:HD-1"];
        Assert.Equal("quay-2", sale.Invoice.Record.RegisterId);
    }

    [Fact]
    public async Task A_second_poll_issues_nothing_and_a_fixed_sale_set_back_to_new_is_issued()
    {
        var (poller, intake, db) = Setup();
        Execute(db, ThreeSales);
        await poller.PollOnceAsync(CancellationToken.None);

        var again = await poller.PollOnceAsync(CancellationToken.None);
        Assert.Empty(again.Issued);
        Assert.Empty(again.Errors);
        Assert.Equal(2, intake.Calls.Count);

        Execute(db, "UPDATE ck_sale_lines SET vat_rate = '8%' WHERE sale_id = 'HD-2' AND line_no = 1; "
            + "UPDATE ck_sale_lines SET quantity = '2' WHERE sale_id = 'HD-2' AND line_no = 2; "
            + "UPDATE ck_sales SET status = 'new' WHERE id = 'HD-2';");
        var fixedPoll = await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(["HD-2"], fixedPoll.Issued.Select(i => i.Id));
        Assert.Equal(("HD-2", "issued", "M1-26-A1B2C-00000000003", (string?)null), Sales(db)[1]);
    }

    [Fact]
    public async Task A_crash_between_issuing_and_the_write_back_issues_nothing_twice()
    {
        var (poller, intake, db) = Setup();
        Execute(db, ThreeSales);
        // The first poll issued HD-1 and died before its UPDATE: the row is still 'new'.
        var before = await poller.PollOnceAsync(CancellationToken.None);
        Execute(db, "UPDATE ck_sales SET status = 'new', invoice_code = NULL WHERE id = 'HD-1'");

        var after = await poller.PollOnceAsync(CancellationToken.None);

        Assert.True(Assert.Single(after.Issued).Receipt.Existing);
        Assert.Equal(2, intake.IssuedCount);
        Assert.Equal(before.Issued[0].Receipt.Invoice.Code, after.Issued[0].Receipt.Invoice.Code);
        Assert.Equal(("HD-1", "issued", "M1-26-A1B2C-00000000001", (string?)null), Sales(db)[0]);
    }

    [Fact]
    public async Task A_provider_failure_stops_the_poll_and_leaves_the_sale_new_for_the_next()
    {
        var (poller, intake, db) = Setup();
        Execute(db, ThreeSales);
        intake.Fail = id => id == "table:HD-1" ? new IOException("database is locked") : null;

        var failed = await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal("database is locked", failed.Failure);
        Assert.Equal(["table:HD-1"], intake.Calls);
        Assert.Equal("new", Sales(db)[0].Status);

        intake.Fail = null;
        var next = await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(["HD-1", "HD-3"], next.Issued.Select(i => i.Id));
    }

    [Fact]
    public async Task Polls_take_a_batch_oldest_first_and_ignore_other_statuses()
    {
        var (poller, intake, db) = Setup(batchSize: 1);
        Execute(db, """
            INSERT INTO ck_sales (id, created_at) VALUES ('B', '2026-03-01T08:00:00Z'), ('A', '2026-03-01T09:00:00Z');
            INSERT INTO ck_sales (id, status) VALUES ('P', 'pending');
            INSERT INTO ck_sale_lines (sale_id, line_no, name, unit, quantity, unit_price, vat_rate) VALUES
              ('A', 1, 'Gạo', 'kg', 1, 20000, '5%'), ('B', 1, 'Muối', 'kg', 1, 5000, '5%'), ('P', 1, 'Đường', 'kg', 1, 5000, '5%');
            INSERT INTO ck_sales (id) VALUES ('EMPTY');
            """);

        Assert.Equal(["B"], (await poller.PollOnceAsync(CancellationToken.None)).Issued.Select(i => i.Id));
        Assert.Equal(["A"], (await poller.PollOnceAsync(CancellationToken.None)).Issued.Select(i => i.Id));
        var last = await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal("EMPTY", Assert.Single(last.Errors).Id);
        Assert.Empty((await poller.PollOnceAsync(CancellationToken.None)).Errors);
        Assert.Equal(["table:B", "table:A"], intake.Calls);
        Assert.Equal("pending", Sales(db).Single(s => s.Id == "P").Status);
        Assert.StartsWith("ck_sale_lines: the sale has no line", Sales(db).Single(s => s.Id == "EMPTY").Error);
    }

    [Fact]
    public async Task RunAsync_polls_until_cancelled()
    {
        var (_, intake, db) = Setup();
        var poller = new IntermediateTablePoller(intake, db, TimeSpan.FromMilliseconds(20));
        using var stop = new CancellationTokenSource();
        var run = poller.RunAsync(stop.Token);
        Execute(db, ThreeSales);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (intake.IssuedCount < 2 && DateTime.UtcNow < deadline) await Task.Delay(20);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, intake.IssuedCount);
        Assert.True(run.IsCompletedSuccessfully);
    }
}

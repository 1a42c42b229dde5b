using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Import;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider.Tests.Corrections;

/// <summary>Corrections through the middleware connection modes (sale files, the intermediate table), against the simulator.</summary>
public sealed class ImportCorrectionTests
{
    private static async Task<string> AcceptedSaleAsync(Pipeline p, string saleId)
    {
        var code = (await p.SellAsync(saleId)).GetProperty("code").GetString()!;
        await p.WaitUntilAsync(s => s.InvoiceByCode(code)?.State == InvoiceState.Accepted, $"{code} is accepted");
        return code;
    }

    [Fact]
    public async Task A_file_cancels_one_invoice_and_adjusts_another_and_a_refused_file_sends_nothing()
    {
        await using var p = await Pipeline.StartAsync();
        var mistake = await AcceptedSaleAsync(p, "sale-1");
        var returned = await AcceptedSaleAsync(p, "sale-2");
        var inbox = Path.Combine(TestFolder.Create(), "inbox");
        Directory.CreateDirectory(inbox);
        var watcher = new SaleFolderWatcher(p.Provider.Engine, inbox, TimeSpan.FromMilliseconds(100)) { AssumeComplete = true };

        File.WriteAllText(Path.Combine(inbox, "fix-1.csv"), $"""
            sale_id,correction,related_code,reason,name,unit,quantity,unit_price,vat_rate
            K-1,cancel,{mistake},Hủy do bán nhầm,,,,,
            K-2,adjust_decrease,{returned},Khách trả lại 1 ly,Cà phê sữa đá,Ly,1,29000,10%
            """);
        var scan = await watcher.ScanOnceAsync(CancellationToken.None);
        var done = Assert.Single(scan.Files);
        Assert.Equal(FileImportOutcome.Done, done.Outcome);
        Assert.Equal(2, done.Corrections!.Count);
        var adjustment = done.Corrections[1].Code;
        await p.WaitUntilAsync(s => s.InvoiceByCode(mistake)?.State == InvoiceState.Cancelled, "the 301 accepts the cancel");
        await p.WaitUntilAsync(s => s.InvoiceByCode(adjustment)?.State == InvoiceState.Accepted, "the adjustment is accepted");
        Assert.Equal(returned, p.Store.Chain(adjustment).Adjusts);
        var report = File.ReadAllLines(done.MovedTo + ".invoices.csv");
        Assert.Equal("sale_id,code,tax_code,number,total,correction,related_code,notice", report[0].TrimStart('\uFEFF'));
        Assert.StartsWith($"K-1,{mistake},,,,cancel,{mistake},V", report[1]);
        Assert.StartsWith($"K-2,{adjustment},{DemoData.TaxCode},", report[2]);
        Assert.True(report[2].Contains($",-31900,adjust_decrease,{returned},", StringComparison.Ordinal), report[2]);

        // The same file again (a crash before the move): nothing is done twice.
        File.Copy(done.MovedTo!, Path.Combine(inbox, "fix-1.csv"));
        var again = Assert.Single((await watcher.ScanOnceAsync(CancellationToken.None)).Files);
        Assert.All(again.Corrections!, c => Assert.True(c.Existing));
        Assert.Equal(adjustment, again.Corrections![1].Code);

        // Adjusting the cancelled invoice is refused, with the row and the reason; the sale beside it is not issued.
        var before = p.Store.Invoices().Count;
        File.WriteAllText(Path.Combine(inbox, "fix-2.csv"), $"""
            sale_id,correction,related_code,reason,name,unit,quantity,unit_price,vat_rate
            S-9,,,,Trà đá,Ly,1,5000,10%
            K-3,adjust_increase,{mistake},,Cà phê sữa đá,Ly,1,1000,10%
            """);
        var refused = Assert.Single((await watcher.ScanOnceAsync(CancellationToken.None)).Files);
        Assert.Equal(FileImportOutcome.Rejected, refused.Outcome);
        var error = Assert.Single(refused.Errors);
        Assert.Equal((3, "related_code"), (error.Row, error.Column));
        Assert.Contains($"invoice {mistake} is cancelled", error.Message);
        Assert.Contains("related_code", File.ReadAllText(refused.MovedTo + ".errors.csv"));
        Assert.Equal(before, p.Store.Invoices().Count);
    }

    [Fact]
    public async Task The_intermediate_table_replaces_an_invoice_and_writes_back_the_code_or_why_not()
    {
        await using var p = await Pipeline.StartAsync();
        var original = await AcceptedSaleAsync(p, "sale-1");
        var shop = "Data Source=" + Path.Combine(TestFolder.Create(), "shop.db");
        using (var db = new SqliteConnection(shop))
        {
            db.Open(); // a table made before corrections: EnsureSchema adds the columns
            using var old = db.CreateCommand();
            old.CommandText = """
                CREATE TABLE ck_sales (id TEXT PRIMARY KEY, register_id TEXT, buyer_name TEXT, buyer_tax_code TEXT, buyer_address TEXT,
                    buyer_id TEXT, buyer_phone TEXT, payment_method TEXT,
                    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), status TEXT NOT NULL DEFAULT 'new',
                    invoice_code TEXT, error TEXT);
                INSERT INTO ck_sales (id, status, invoice_code) VALUES ('OLD-1', 'issued', 'M1-26-A1B2C-00000000001');
                """;
            old.ExecuteNonQuery();
        }
        var poller = new IntermediateTablePoller(p.Provider.Engine, shop, TimeSpan.FromMilliseconds(100));
        poller.EnsureSchema();
        Execute(shop, $"""
            INSERT INTO ck_sale_lines (sale_id, line_no, name, unit, quantity, unit_price, vat_rate) VALUES
              ('R-1', 1, 'Cà phê sữa đá', 'Ly', '2', '29000', '10%'), ('A-1', 1, 'Cà phê sữa đá', 'Ly', '1', '1000', '10%');
            INSERT INTO ck_sales (id, buyer_name, buyer_tax_code, correction, related_code, reason, created_at) VALUES
              ('R-1', 'Công ty TNHH Minh Anh', '0309478306', 'replace', '{original}', 'Khách lấy hóa đơn công ty', '2026-01-01T00:00:01Z');
            """);
        var poll = await poller.PollOnceAsync(CancellationToken.None);
        var (id, receipt) = Assert.Single(poll.Corrected!);
        Assert.Equal("R-1", id);
        Assert.Equal(original, p.Store.Chain(receipt.Code).Replaces);
        Assert.Equal(("issued", receipt.Code, receipt.Notice), Row(shop, "R-1"));
        await p.WaitUntilAsync(s => s.InvoiceByCode(receipt.Code)?.State == InvoiceState.Accepted
                                    && s.NoticeItemsOf(original).SingleOrDefault()?.Accepted == true,
            "the replacement and its 303 are accepted");

        Execute(shop, $"""
            INSERT INTO ck_sales (id, correction, related_code, created_at) VALUES ('A-1', 'adjust_increase', '{original}', '2026-01-01T00:00:02Z');
            """);
        var count = p.Store.Invoices().Count;
        var refused = await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal("A-1", Assert.Single(refused.Errors).Id);
        var (status, _, _) = Row(shop, "A-1");
        Assert.Equal("error", status);
        Assert.Contains($"already replaced by {receipt.Code}", Error(shop, "A-1"));
        Assert.Equal(count, p.Store.Invoices().Count);
    }

    private static void Execute(string shop, string sql)
    {
        using var db = new SqliteConnection(shop);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static (string Status, string? Code, string? Notice) Row(string shop, string id)
    {
        using var db = new SqliteConnection(shop);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT status, invoice_code, notice FROM ck_sales WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var r = command.ExecuteReader();
        Assert.True(r.Read());
        return (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
    }

    private static string Error(string shop, string id)
    {
        using var db = new SqliteConnection(shop);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT error FROM ck_sales WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as string ?? "";
    }
}

using System.Text;
using ConformanceKit.Provider.Import;
using static ConformanceKit.Provider.Tests.Import.ImportFiles;

namespace ConformanceKit.Provider.Tests.Import;

public sealed class SaleFolderWatcherTests
{
    private static readonly DateTime Base = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static readonly string ThreeSales = Csv(
        Goods("S1", "Cà phê", "2", "25000", "8%"),
        Goods("S2", "Bánh mì, trứng", "1", "20000", "8%"),
        Goods("S1", "Trà", "1", "10000", "10%"),
        Goods("S3", "Nước", "3", "5000", "KCT"));

    private static string Drop(string inbox, string name, string text, int minutesAfterBase)
    {
        var path = Path.Combine(inbox, name);
        File.WriteAllBytes(path, Bytes(text));
        File.SetLastWriteTimeUtc(path, Base.AddMinutes(minutesAfterBase));
        return path;
    }

    private static string[] ReadLines(string path) => File.ReadAllText(path, Encoding.UTF8).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Correct_files_are_issued_oldest_first_and_moved_to_done_with_their_invoices()
    {
        var inbox = TestFolder.Create();
        var intake = new FakeIntake();
        Drop(inbox, "b.json", """{ "sales": [ { "saleId": "J1", "lines": [ { "name": "Phở", "unit": "Bát", "quantity": 1, "unitPrice": 50000, "rate": "8%" } ] } ] }""", 2);
        Drop(inbox, "a.csv", ThreeSales, 1);
        Drop(inbox, "notes.txt", "not a sale file", 0);
        Drop(inbox, "c.csv.tmp", "still being written", 0);
        var watcher = new SaleFolderWatcher(intake, inbox, TimeSpan.FromSeconds(1)) { AssumeComplete = true };

        var scan = await watcher.ScanOnceAsync(CancellationToken.None);

        Assert.Equal(["a.csv", "b.json"], scan.Files.Select(f => f.File));
        Assert.All(scan.Files, f => Assert.Equal(FileImportOutcome.Done, f.Outcome));
        Assert.Equal(["file:a.csv:S1", "file:a.csv:S2", "file:a.csv:S3", "file:b.json:J1"], intake.Calls);
        Assert.Equal(["c.csv.tmp", "notes.txt"], Directory.GetFiles(inbox).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(watcher.DoneFolder, "a.csv")));
        Assert.True(File.Exists(Path.Combine(watcher.DoneFolder, "b.json")));
        Assert.Equal(
            [
                "sale_id,code,tax_code,number,total",
                "S1,M1-26-A1B2C-00000000001,0101234567,1,65000",
                "S2,M1-26-A1B2C-00000000002,0101234567,2,21600",
                "S3,M1-26-A1B2C-00000000003,0101234567,3,15000",
            ],
            ReadLines(Path.Combine(watcher.DoneFolder, "a.csv.invoices.csv")));
        Assert.Equal(["sale_id,code,tax_code,number,total", "J1,M1-26-A1B2C-00000000004,0101234567,4,54000"],
            ReadLines(Path.Combine(watcher.DoneFolder, "b.json.invoices.csv")));
        Assert.Empty((await watcher.ScanOnceAsync(CancellationToken.None)).Files);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_sends_nothing_and_is_rejected_with_its_errors()
    {
        var inbox = TestFolder.Create();
        var intake = new FakeIntake();
        Drop(inbox, "ca-sang.csv", Csv(
            Goods("S1", "Cà phê", "2", "25000", "8%"),
            Goods("S2", "Bánh mì", "1", "20000", "8%"),
            Goods("S3", "Nước, chai", "1", "5000", "9%"),
            "S4,,Trà,Ly,1,5,10000,10%,,,,,,,,,"), 0);
        var watcher = new SaleFolderWatcher(intake, inbox, TimeSpan.FromSeconds(1)) { AssumeComplete = true };

        var file = Assert.Single((await watcher.ScanOnceAsync(CancellationToken.None)).Files);

        Assert.Equal(FileImportOutcome.Rejected, file.Outcome);
        Assert.Empty(intake.Calls);
        Assert.Empty(Directory.GetFiles(inbox));
        Assert.Equal(Path.Combine(watcher.RejectedFolder, "ca-sang.csv"), file.MovedTo);
        Assert.True(File.Exists(file.MovedTo));
        Assert.Equal(
            [
                "file,row,column,message",
                "ca-sang.csv,4,vat_rate,\"'9%' is not a VAT rate; accepted: 0%, 5%, 8%, 10%, KCT, KKKNT or KHAC:AB.CD\"",
                "ca-sang.csv,5,column 17,\"the row has 17 values, the header 16\"",
            ],
            ReadLines(Path.Combine(watcher.RejectedFolder, "ca-sang.csv.errors.csv")));
        Assert.Empty(Directory.GetFiles(watcher.DoneFolder));
    }

    [Fact]
    public async Task A_re_import_after_a_crash_mid_file_issues_nothing_twice()
    {
        var inbox = TestFolder.Create();
        var intake = new FakeIntake { Fail = id => id == "file:a.csv:S2" ? new IOException("disk full") : null };
        Drop(inbox, "a.csv", ThreeSales, 0);
        var watcher = new SaleFolderWatcher(intake, inbox, TimeSpan.FromSeconds(1)) { AssumeComplete = true };

        var first = Assert.Single((await watcher.ScanOnceAsync(CancellationToken.None)).Files);
        Assert.Equal((FileImportOutcome.Retry, "disk full"), (first.Outcome, first.Failure));
        Assert.True(File.Exists(Path.Combine(inbox, "a.csv")));
        Assert.Equal(["file:a.csv:S1"], intake.Issued.Keys);

        intake.Fail = null;
        var second = Assert.Single((await watcher.ScanOnceAsync(CancellationToken.None)).Files);

        Assert.Equal(FileImportOutcome.Done, second.Outcome);
        Assert.Equal(3, intake.IssuedCount);
        Assert.Equal([true, false, false], second.Receipts.Select(r => r.Existing));
        Assert.Equal(["S1,M1-26-A1B2C-00000000001", "S2,M1-26-A1B2C-00000000002", "S3,M1-26-A1B2C-00000000003"],
            ReadLines(Path.Combine(watcher.DoneFolder, "a.csv.invoices.csv")).Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));
    }

    [Fact]
    public async Task A_sale_the_provider_refuses_rejects_the_file_and_keeps_what_was_issued()
    {
        var inbox = TestFolder.Create();
        var intake = new FakeIntake { Fail = id => id == "file:a.csv:S2" ? new ArgumentException("block exhausted") : null };
        Drop(inbox, "a.csv", ThreeSales, 0);
        var watcher = new SaleFolderWatcher(intake, inbox, TimeSpan.FromSeconds(1)) { AssumeComplete = true };

        var file = Assert.Single((await watcher.ScanOnceAsync(CancellationToken.None)).Files);

        Assert.Equal(FileImportOutcome.Rejected, file.Outcome);
        Assert.Equal(["file:a.csv:S1", "file:a.csv:S2"], intake.Calls);
        Assert.Equal(["file,row,column,message", "a.csv,3,sale_id,the provider refused sale 'S2': block exhausted"],
            ReadLines(Path.Combine(watcher.RejectedFolder, "a.csv.errors.csv")));
        Assert.Equal(2, ReadLines(Path.Combine(watcher.RejectedFolder, "a.csv.invoices.csv")).Length);
    }

    [Fact]
    public async Task A_file_is_imported_only_once_it_is_unchanged_between_two_scans()
    {
        var inbox = TestFolder.Create();
        var intake = new FakeIntake();
        var path = Drop(inbox, "a.csv", Csv(Goods("S1", "Cà phê", "2", "25000", "8%")), 0);
        var watcher = new SaleFolderWatcher(intake, inbox, TimeSpan.FromSeconds(1));

        var first = await watcher.ScanOnceAsync(CancellationToken.None);
        Assert.Empty(first.Files);
        Assert.Equal(["a.csv"], first.Waiting);

        File.AppendAllText(path, Goods("S2", "Trà", "1", "10000", "10%") + "\r\n");
        File.SetLastWriteTimeUtc(path, Base.AddMinutes(1));
        var second = await watcher.ScanOnceAsync(CancellationToken.None);
        Assert.Empty(second.Files);
        Assert.Equal(["a.csv"], second.Waiting);
        Assert.Empty(intake.Calls);

        var third = await watcher.ScanOnceAsync(CancellationToken.None);
        Assert.Equal(FileImportOutcome.Done, Assert.Single(third.Files).Outcome);
        Assert.Equal(["file:a.csv:S1", "file:a.csv:S2"], intake.Calls);
    }

    [Fact]
    public async Task A_name_already_in_done_is_kept_and_the_new_file_gets_a_time_prefix()
    {
        var inbox = TestFolder.Create();
        var intake = new FakeIntake();
        var clock = new Pos.FixedClock(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));
        var watcher = new SaleFolderWatcher(intake, inbox, TimeSpan.FromSeconds(1), clock) { AssumeComplete = true };
        Drop(inbox, "day.csv", Csv(Goods("S1", "Cà phê", "2", "25000", "8%")), 0);
        await watcher.ScanOnceAsync(CancellationToken.None);
        Drop(inbox, "day.csv", Csv(Goods("S9", "Trà", "1", "10000", "10%")), 1);

        var file = Assert.Single((await watcher.ScanOnceAsync(CancellationToken.None)).Files);

        Assert.Equal(Path.Combine(watcher.DoneFolder, "20260301T093000Z-day.csv"), file.MovedTo);
        Assert.True(File.Exists(file.MovedTo + ".invoices.csv"));
        Assert.True(File.Exists(Path.Combine(watcher.DoneFolder, "day.csv.invoices.csv")));
    }

    [Fact]
    public async Task RunAsync_imports_dropped_files_and_stops_when_cancelled()
    {
        var inbox = TestFolder.Create();
        var intake = new FakeIntake();
        var watcher = new SaleFolderWatcher(intake, inbox, TimeSpan.FromMilliseconds(20)) { AssumeComplete = true };
        using var stop = new CancellationTokenSource();
        var run = watcher.RunAsync(stop.Token);
        File.WriteAllText(Path.Combine(inbox, "x.csv.tmp"), Csv(Goods("S1", "Cà phê", "2", "25000", "8%")));
        File.Move(Path.Combine(inbox, "x.csv.tmp"), Path.Combine(inbox, "x.csv"));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(Path.Combine(watcher.DoneFolder, "x.csv")) && DateTime.UtcNow < deadline) await Task.Delay(20);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["file:a.csv:S1".Replace("a.csv", "x.csv")], intake.Calls);
        Assert.True(run.IsCompletedSuccessfully);
    }
}

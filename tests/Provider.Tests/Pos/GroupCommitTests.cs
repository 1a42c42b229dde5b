using ConformanceKit.Provider.Pos;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider.Tests.Pos;

/// <summary>The allocator's group commit: many sales per commit, each answered only once committed.</summary>
public sealed class GroupCommitTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 0, 0, TimeSpan.FromHours(7));

    private static AllocationRequest Request(string? saleId, string mst = PosFixtures.Mst) =>
        new("quay-1", mst, PosFixtures.Block, 1, "C26MAA", At, "{}", saleId);

    [Fact]
    public async Task Concurrent_sales_get_serials_1_to_N_once_each_and_are_on_disk_when_answered()
    {
        var db = PosFixtures.TempDb();
        using var allocator = new CodeAllocator(db);

        var records = await Task.WhenAll(Enumerable.Range(1, 600).Select(i => allocator.AllocateAsync(Request($"sale-{i}"))));

        Assert.Equal(Enumerable.Range(1, 600).Select(i => (long)i), records.Select(r => r.Serial).Order());
        Assert.All(records, r => Assert.False(r.Existing));
        // What was answered is committed: a second connection (another process would do the same) sees all of it.
        using var check = new CodeAllocator(db);
        Assert.Equal(600, check.Count());
        Assert.All(records, r => Assert.Equal(r.Code, check.FindBySale(r.SaleId!)!.Code));
        var (commits, sales) = allocator.GroupCommitCounts;
        Assert.Equal(600, sales);
        Assert.InRange(commits, (600 + CodeAllocator.MaxBatch - 1) / CodeAllocator.MaxBatch, 600);
    }

    [Fact]
    public async Task A_sale_id_resent_in_the_same_batch_or_after_gets_its_first_invoice_and_uses_no_number()
    {
        using var allocator = new CodeAllocator(PosFixtures.TempDb());

        // Queued back to back, so most land in one batch; either way the id must not get two numbers.
        var first = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => allocator.AllocateAsync(Request($"sale-{i % 10}"))));
        var again = await allocator.AllocateAsync(Request("sale-3"));

        Assert.Equal(10, first.Count(r => !r.Existing));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), first.Where(r => !r.Existing).Select(r => r.Serial).Order());
        foreach (var group in first.GroupBy(r => r.SaleId))
            Assert.Single(group.Select(r => r.Code).Distinct());
        Assert.True(again.Existing);
        Assert.Equal(first.First(r => r.SaleId == "sale-3").Code, again.Code);
        Assert.Equal(10, allocator.Count());
    }

    [Fact]
    public async Task A_refused_sale_fails_alone_and_the_others_of_its_batch_stay_gap_free()
    {
        using var allocator = new CodeAllocator(PosFixtures.TempDb());
        Assert.Equal(1, (await allocator.AllocateAsync(Request("owner"))).Serial); // the block is this MST's

        var tasks = Enumerable.Range(0, 30)
            .Select(i => allocator.AllocateAsync(i % 3 == 0 ? Request($"other-{i}", "0301521415") : Request($"sale-{i}")))
            .ToList();
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.All(tasks.Where((_, i) => i % 3 == 0), t => Assert.IsType<InvalidOperationException>(t.Exception!.InnerException));
        var issued = tasks.Where((_, i) => i % 3 != 0).Select(t => t.Result.Serial).Order();
        Assert.Equal(Enumerable.Range(2, 20).Select(i => (long)i), issued);
        Assert.Equal(21, allocator.Count());
    }

    [Fact]
    public async Task A_failed_commit_fails_every_sale_of_its_batch_and_leaves_no_number_used()
    {
        var db = PosFixtures.TempDb();
        using var allocator = new CodeAllocator(db);
        using (var sabotage = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            sabotage.Open();
            using var cmd = sabotage.CreateCommand();
            // A statement failure inside the batch's transaction (as a full disk or an I/O error would be).
            cmd.CommandText = """
                CREATE TRIGGER fail_boom BEFORE INSERT ON pos_invoices WHEN NEW.sale_id LIKE 'boom%'
                BEGIN SELECT RAISE(ABORT, 'boom'); END;
                """;
            cmd.ExecuteNonQuery();
        }

        var ids = Enumerable.Range(0, 60).Select(i => i % 20 == 7 ? $"boom-{i}" : $"sale-{i}").ToList();
        var tasks = ids.Select(id => allocator.AllocateAsync(Request(id))).ToList();
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        var answered = tasks.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
        var failed = tasks.Select((t, i) => (t, i)).Where(x => x.t.IsFaulted).ToList();
        Assert.Equal(3, failed.Count(x => x.i % 20 == 7)); // every boom failed …
        Assert.All(failed, x => Assert.IsType<SqliteException>(x.t.Exception!.InnerException));
        // … and took its batch with it: nothing of a failed sale is recorded, what was answered numbers 1..n with no gap.
        Assert.All(failed, x => Assert.Null(allocator.FindBySale(ids[x.i])));
        Assert.Equal(Enumerable.Range(1, answered.Count).Select(i => (long)i), answered.Select(r => r.Serial).Order());
        Assert.Equal(answered.Count, allocator.Count());
        Assert.Equal(answered.Count + 1, (await allocator.AllocateAsync(Request("after"))).Serial);
    }

    [Fact]
    public async Task Disposing_the_allocator_commits_what_was_queued_before_it_closes()
    {
        var db = PosFixtures.TempDb();
        List<Task<AllocatedInvoice>> tasks;
        using (var allocator = new CodeAllocator(db))
            tasks = Enumerable.Range(0, 100).Select(i => allocator.AllocateAsync(Request($"sale-{i}"))).ToList();

        var records = await Task.WhenAll(tasks);
        using var check = new CodeAllocator(db);
        Assert.Equal(100, check.Count());
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), records.Select(r => r.Serial).Order());
    }
}

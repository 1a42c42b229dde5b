using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Tests.Pos;

/// <summary>
/// The store's look-ups on pooled reader connections with prepared statements kept: concurrent answers each read their
/// own sale, parameters are bound afresh on every call, and a closed store refuses to lend a reader.
/// </summary>
public sealed class ReaderPoolTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 0, 0, TimeSpan.FromHours(7));

    private static AllocationRequest Request(string? saleId) => new("quay-1", PosFixtures.Mst, PosFixtures.Block, 1, "C26MAA", At, "{}", saleId);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sales_committed_and_looked_up_on_many_threads_each_read_their_own_invoice(bool inMemory)
    {
        var db = inMemory ? PosDatabase.MemoryPrefix + "readers-" + Guid.NewGuid().ToString("N") : PosFixtures.TempDb();
        using var allocator = new CodeAllocator(db);
        var store = new ProviderStore(allocator);

        var seen = await Task.WhenAll(Enumerable.Range(1, 300).Select(i => Task.Run(async () =>
        {
            var record = await allocator.AllocateAsync(Request($"sale-{i}"));
            var bySale = store.DetailBySale($"sale-{i}");
            var byCode = store.DetailByCode(record.Code.Value);
            return (Sale: $"sale-{i}", record.Code.Value, BySale: bySale, ByCode: byCode);
        })));

        Assert.All(seen, s =>
        {
            Assert.NotNull(s.BySale);
            Assert.Equal(s.Value, s.BySale.Status.Code);
            Assert.Equal(s.Value, s.BySale.Record.Code.Value);
            Assert.Equal(s.Sale, s.BySale.Record.SaleId);
            Assert.Equal(InvoiceState.Issued, s.BySale.Status.State);
            Assert.False(s.BySale.Corrected);
            Assert.Equal(s.BySale.Status, s.ByCode!.Status);
        });
        Assert.Equal(300, seen.Select(s => s.Value).Distinct().Count());
        Assert.Null(store.DetailBySale("sale-301"));
    }

    [Fact]
    public void Kept_statements_bind_each_call_s_values_a_missing_sale_id_included()
    {
        using var allocator = new CodeAllocator(PosFixtures.TempDb());

        var a = allocator.Allocate(Request(null));
        var b = allocator.Allocate(Request("sale-b"));
        var c = allocator.Allocate(Request(null));
        var again = allocator.Allocate(Request("sale-b"));

        Assert.Equal([1L, 2L, 3L], [a.Serial, b.Serial, c.Serial]);
        Assert.True(again.Existing);
        Assert.Equal(b.Code, again.Code);
        Assert.Null(allocator.FindByCode(a.Code.Value)!.SaleId);
        Assert.Equal("sale-b", allocator.FindByCode(b.Code.Value)!.SaleId);
        Assert.Null(allocator.FindByCode(c.Code.Value)!.SaleId);
        Assert.Equal(3, allocator.Count());
    }

    [Fact]
    public void An_invoice_in_a_chain_is_marked_corrected_so_the_answer_reads_the_chain()
    {
        using var allocator = new CodeAllocator(PosFixtures.TempDb());
        var store = new ProviderStore(allocator);
        var original = allocator.Allocate(Request("original"));
        var replacement = allocator.Allocate(Request("replacement"));
        var untouched = allocator.Allocate(Request("untouched"));

        store.AddChain(replacement.Code.Value, ChainKind.Replace, original.Code.Value, At);

        Assert.True(store.DetailByCode(original.Code.Value)!.Corrected);
        Assert.True(store.DetailByCode(replacement.Code.Value)!.Corrected);
        Assert.False(store.DetailByCode(untouched.Code.Value)!.Corrected);
        Assert.Equal(replacement.Code.Value, store.Chain(original.Code.Value).ReplacedBy);
    }

    [Fact]
    public void A_look_up_with_an_alternative_id_prefers_the_literal_id_and_reads_once()
    {
        using var allocator = new CodeAllocator(PosFixtures.TempDb());
        var store = new ProviderStore(allocator);
        var literal = allocator.Allocate(Request("a%2Fb"));
        var slashed = allocator.Allocate(Request("a/b"));
        var onlySlashed = allocator.Allocate(Request("c/d"));

        Assert.Equal(literal.Code, store.DetailBySale("a%2Fb", "a/b")!.Record.Code);
        Assert.Equal(slashed.Code, store.DetailBySale("a/b", "a%2Fb")!.Record.Code);
        Assert.Equal(onlySlashed.Code, store.DetailBySale("c%2Fd", "c/d")!.Record.Code);
        Assert.Null(store.DetailBySale("e%2Ff", "e/f"));
    }

    [Fact]
    public void A_closed_store_lends_no_reader()
    {
        var allocator = new CodeAllocator(PosFixtures.TempDb());
        var store = new ProviderStore(allocator);
        var record = allocator.Allocate(Request("sale-1"));
        Assert.NotNull(store.DetailByCode(record.Code.Value));

        allocator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.DetailByCode(record.Code.Value));
    }
}

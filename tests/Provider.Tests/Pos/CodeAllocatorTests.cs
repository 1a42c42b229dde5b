using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Tests.Pos;

public sealed class CodeAllocatorTests
{
    [Fact]
    public async Task Four_allocators_on_one_file_issue_serials_1_to_200_exactly_once()
    {
        var db = PosFixtures.TempDb();
        var sale = new Sale { Lines = [PosFixtures.Line("Nước suối", 1, 8_000, "10%")] };

        var tasks = Enumerable.Range(1, 4).Select(n => Task.Run(() =>
        {
            using var allocator = new CodeAllocator(db);
            var register = new CashRegister(PosFixtures.Config($"quay-{n}"), allocator);
            return Enumerable.Range(0, 50).Select(_ => register.Issue(sale).Record.Serial).ToList();
        })).ToList();
        var serials = (await Task.WhenAll(tasks)).SelectMany(s => s).ToList();

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), serials.Order());
        using var check = new CodeAllocator(db);
        var recorded = check.List();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), recorded.Select(r => r.Serial));
        Assert.Equal(200, recorded.Select(r => r.Code.Value).Distinct().Count());
        Assert.Equal(4, recorded.Select(r => r.RegisterId).Distinct().Count());
    }

    [Fact]
    public void A_block_belongs_to_one_taxpayer_and_a_refused_allocation_uses_no_number()
    {
        using var allocator = new CodeAllocator(PosFixtures.TempDb());
        var at = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.FromHours(7));
        AllocationRequest Request(string mst) => new("quay-1", mst, PosFixtures.Block, 1, "C26MAA", at, "{}");

        Assert.Equal(1, allocator.Allocate(Request(PosFixtures.Mst)).Serial);
        Assert.Throws<InvalidOperationException>(() => allocator.Allocate(Request("0301521415")));
        Assert.Equal(2, allocator.Allocate(Request(PosFixtures.Mst)).Serial);
        Assert.Equal(2, allocator.Count());
    }

    [Fact]
    public void Each_year_numbers_its_block_from_one()
    {
        using var allocator = new CodeAllocator(PosFixtures.TempDb());
        AllocationRequest Request(int year) =>
            new("quay-1", PosFixtures.Mst, PosFixtures.Block, 2, $"C{year % 100}MAA", new DateTimeOffset(year, 12, 31, 23, 0, 0, TimeSpan.FromHours(7)), "{}");

        Assert.Equal("M2-26-A1B2C-00000000001", allocator.Allocate(Request(2026)).Code.Value);
        Assert.Equal("M2-26-A1B2C-00000000002", allocator.Allocate(Request(2026)).Code.Value);
        Assert.Equal("M2-27-A1B2C-00000000001", allocator.Allocate(Request(2027)).Code.Value);
    }
}

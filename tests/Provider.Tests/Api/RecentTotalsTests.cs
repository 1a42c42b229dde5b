using ConformanceKit.Provider.Api;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Tests.Api;

/// <summary>The API's cache of the totals of the sales answered last: bounded, oldest out first, first totals kept.</summary>
public sealed class RecentTotalsTests
{
    private static SaleTotals Totals(decimal payable) => new([payable], [], payable, 0m, 0m, payable, "");

    [Fact]
    public void Past_its_capacity_the_oldest_codes_are_dropped_and_the_newest_kept()
    {
        var recent = new RecentTotals(3);

        foreach (var i in Enumerable.Range(1, 5)) recent.Add($"code-{i}", Totals(i));

        Assert.Null(recent.Find("code-1"));
        Assert.Null(recent.Find("code-2"));
        Assert.Equal([3m, 4m, 5m], Enumerable.Range(3, 3).Select(i => recent.Find($"code-{i}")!.TotalPayable));
    }

    [Fact]
    public void A_code_added_again_keeps_its_first_totals_and_takes_no_second_place()
    {
        var recent = new RecentTotals(2);
        recent.Add("a", Totals(1));
        recent.Add("a", Totals(99));
        recent.Add("b", Totals(2));

        Assert.Equal(1m, recent.Find("a")!.TotalPayable);
        Assert.Equal(2m, recent.Find("b")!.TotalPayable);
    }

    [Fact]
    public async Task Many_threads_adding_leave_at_most_capacity_codes_and_the_last_ones_found()
    {
        var recent = new RecentTotals(100);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++) recent.Add($"t{t}-{i}", Totals(i));
        })));

        var found = Enumerable.Range(0, 8).SelectMany(t => Enumerable.Range(0, 1000).Select(i => recent.Find($"t{t}-{i}"))).Count(x => x is not null);
        Assert.InRange(found, 1, 100);
        // The last code added of all (some thread's 999th) is among the newest: kept.
        Assert.Contains(Enumerable.Range(0, 8), t => recent.Find($"t{t}-999") is not null);
    }
}

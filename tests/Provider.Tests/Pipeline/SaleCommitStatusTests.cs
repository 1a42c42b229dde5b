namespace ConformanceKit.Provider.Tests.Pipelines;

/// <summary>The status tells how the sale path's group commit batches: commits and the sales they carried.</summary>
public sealed class SaleCommitStatusTests
{
    [Fact]
    public async Task Status_counts_the_sales_committed_and_the_commits_that_carried_them()
    {
        await using var p = await Pipeline.StartAsync();
        var before = (await p.GetAsync("api/v1/status")).GetProperty("saleCommits");
        Assert.Equal(0, before.GetProperty("sales").GetInt64());

        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => p.SellAsync($"commits-{i}")));
        await p.SellAsync("commits-1", System.Net.HttpStatusCode.OK); // a resent sale is answered from the first commit: nothing new

        var commits = (await p.GetAsync("api/v1/status")).GetProperty("saleCommits");
        var n = commits.GetProperty("commits").GetInt64();
        Assert.Equal(13, commits.GetProperty("sales").GetInt64()); // every sale queued went through a commit, the resent one too
        Assert.InRange(n, 1, 13);
        Assert.Equal(Math.Round(13.0 / n, 2), commits.GetProperty("salesPerCommit").GetDouble());
    }
}

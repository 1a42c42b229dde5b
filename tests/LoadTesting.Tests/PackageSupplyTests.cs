using System.Xml.Linq;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.LoadTesting.Targets;
using ConformanceKit.LoadTesting.Workloads;

namespace ConformanceKit.LoadTesting.Tests;

/// <summary>The T-VAN workloads' packages: all signed before a short run, a long run's rest by a builder staying a bounded window ahead.</summary>
public sealed class PackageSupplyTests
{
    private static readonly AuthorityEndpoint Authority = new(new Uri("http://127.0.0.1:1/"), DemoData.TvanApiKey, DemoData.TaxCode, DemoData.SellerName,
        DemoData.TvanCode, DemoData.CodeBlock, null);

    [Fact]
    public async Task A_run_that_fits_the_window_is_signed_before_the_load_and_a_resend_gets_the_same_package()
    {
        await using var supply = PackageSupply.Start(Authority, [1, 2, 1], CancellationToken.None, ahead: 5);
        Assert.False(supply.Streaming);
        Assert.Equal(3, supply.Invoices().Count);
        var first = await supply.TakeAsync(0, CancellationToken.None);
        var again = await supply.TakeAsync(3, CancellationToken.None); // wraps: the run outgrew its packages
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2, (await supply.TakeAsync(1, CancellationToken.None)).Invoices);
    }

    [Fact]
    public async Task A_longer_run_gets_every_package_once_from_the_builder_and_sent_ones_free_their_bytes()
    {
        int[] sizes = [.. Enumerable.Repeat(1, 12)];
        await using var supply = PackageSupply.Start(Authority, sizes, CancellationToken.None, ahead: 4);
        Assert.True(supply.Streaming);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sizes.Length; i++)
        {
            var (id, bytes, invoices) = await supply.TakeAsync(i, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(ids.Add(id), $"package {i} has a fresh id");
            Assert.StartsWith(DemoData.TvanCode, id);
            Assert.Equal(1, invoices);
            var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
            Assert.Contains(xml.Descendants(), e => e.Name.LocalName == "Signature");
        }
        Assert.Equal(12, supply.Invoices().Count);
        Assert.True(supply.Invoices().Keys.ToHashSet().SetEquals(ids));
        var resend = await Assert.ThrowsAsync<InvalidOperationException>(() => supply.TakeAsync(12, CancellationToken.None).AsTask());
        Assert.Contains("already sent", resend.Message);
    }
}

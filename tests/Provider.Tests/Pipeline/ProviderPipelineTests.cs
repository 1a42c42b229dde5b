using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Provider;

namespace ConformanceKit.Provider.Tests.Pipelines;

/// <summary>Sales through the provider's API to the simulator's 204, in each sync mode.</summary>
public sealed class ProviderPipelineTests
{
    [Fact]
    public async Task A_sale_is_issued_at_once_and_accepted_by_the_authority()
    {
        await using var p = await Pipeline.StartAsync();
        var sale = await p.SellAsync("sale-1");
        Assert.Equal("M1-26-A1B2C-00000000001"[..6], sale.GetProperty("code").GetString()![..6]);
        Assert.EndsWith("-A1B2C-00000000001", sale.GetProperty("code").GetString());
        Assert.Equal(63800m, sale.GetProperty("totalPayable").GetDecimal());
        Assert.Equal("Sáu mươi ba nghìn tám trăm đồng", sale.GetProperty("totalPayableInWords").GetString());

        await p.WaitUntilAsync(s => s.InvoiceBySale("sale-1")?.State == InvoiceState.Accepted, "the invoice is accepted");
        var status = await p.GetAsync("api/v1/sales/sale-1");
        Assert.Equal("accepted", status.GetProperty("state").GetString());
        Assert.True(await p.StoredAsync(sale.GetProperty("code").GetString()!));
        var package = Assert.Single(p.Store.Packages());
        Assert.Equal(PackageState.Accepted, package.State);
        Assert.Equal(2, package.Ltbao);
        Assert.False(package.Late);
    }

    [Fact]
    public async Task The_same_sale_id_twice_gives_the_first_invoice_and_issues_no_second()
    {
        await using var p = await Pipeline.StartAsync(o => o with { Sync = SyncMode.Manual });
        var first = await p.SellAsync("till-7/0001");
        var again = await p.SellAsync("till-7/0001", HttpStatusCode.OK);
        var other = await p.SellAsync("till-7/0002");
        Assert.Equal(first.GetProperty("code").GetString(), again.GetProperty("code").GetString());
        Assert.EndsWith("-00000000002", other.GetProperty("code").GetString());
        Assert.Equal(2, p.Count(InvoiceState.Issued));
    }

    [Theory]
    [InlineData("api/v1/sales/quay-1/0001")]
    [InlineData("api/v1/sales/quay-1%2F0001")]
    [InlineData("api/v1/sales/quay-1%2f0001")]
    public async Task A_sale_whose_id_has_a_slash_is_read_back_escaped_or_not(string path)
    {
        await using var p = await Pipeline.StartAsync(o => o with { Sync = SyncMode.Manual });
        var sale = await p.SellAsync("quay-1/0001");
        Assert.Equal("quay-1/0001", sale.GetProperty("saleId").GetString());
        using var response = await p.Api.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        var read = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("quay-1/0001", read.GetProperty("saleId").GetString());
        Assert.Equal(sale.GetProperty("code").GetString(), read.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Periodic_sync_packages_every_batch_size_invoices()
    {
        await using var p = await Pipeline.StartAsync(o => o with { Sync = SyncMode.Periodic, BatchSize = 5, BatchInterval = TimeSpan.FromHours(1) });
        for (var i = 1; i <= 12; i++) await p.SellAsync($"s{i}");
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 10, "two full packages are accepted");
        Assert.Equal([5, 5], p.Store.Packages().Select(x => x.InvoiceCount));
        Assert.Equal(2, p.Count(InvoiceState.Issued)); // waiting for the batch or the interval
    }

    [Fact]
    public async Task Periodic_sync_packages_what_waited_the_interval()
    {
        await using var p = await Pipeline.StartAsync(o => o with { Sync = SyncMode.Periodic, BatchSize = 50, BatchInterval = TimeSpan.FromMilliseconds(300) });
        for (var i = 1; i <= 3; i++) await p.SellAsync($"s{i}");
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 3, "the waiting invoices are sent after the interval");
        Assert.InRange(p.Store.Packages().Count, 1, 3);
    }

    [Fact]
    public async Task Manual_sync_sends_nothing_until_a_flush()
    {
        await using var p = await Pipeline.StartAsync(o => o with { Sync = SyncMode.Manual });
        for (var i = 1; i <= 4; i++) await p.SellAsync($"s{i}");
        await Task.Delay(500);
        Assert.Empty(p.Store.Packages());
        Assert.Equal(4, p.Count(InvoiceState.Issued));

        using var flush = await p.Api.PostAsync("api/v1/packages/flush", null);
        Assert.Equal(HttpStatusCode.Accepted, flush.StatusCode);
        Assert.Equal(4, (await flush.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("waiting").GetInt32());
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 4, "the flushed package is accepted");
        Assert.Equal(4, Assert.Single(p.Store.Packages()).InvoiceCount);
    }

    [Fact]
    public async Task A_sale_without_lines_or_with_bad_json_is_refused_with_a_reason_and_issues_nothing()
    {
        await using var p = await Pipeline.StartAsync();
        using var empty = await p.Api.PostAsJsonAsync("api/v1/sales", new { saleId = "x", lines = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var broken = await p.Api.PostAsync("api/v1/sales", new StringContent("{\"saleId\": \"y\", \"lines\": [ {", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("line", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var noRate = await p.Api.PostAsync("api/v1/sales", new StringContent(
            """{"saleId":"z","lines":[{"name":"Trà","unit":"Ly","quantity":1,"unitPrice":10000}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noRate.StatusCode);
        Assert.Empty(p.Store.Invoices());
    }

    [Fact]
    public async Task The_status_and_openapi_describe_the_provider()
    {
        await using var p = await Pipeline.StartAsync();
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 1, "accepted");
        var status = await p.GetAsync("api/v1/status");
        Assert.Equal("realtime", status.GetProperty("sync").GetString());
        Assert.Equal("pfx", status.GetProperty("signer").GetString());
        Assert.Equal(1, status.GetProperty("invoices").GetProperty("accepted").GetInt32());
        var openApi = await p.Api.GetStringAsync("openapi/v1.json");
        Assert.Contains("/api/v1/sales", openApi, StringComparison.Ordinal);
    }
}

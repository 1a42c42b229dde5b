using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Tests.Pipelines;

/// <summary>An invoice that cannot be written into a 206 is set aside; it never stops the packaging of the others.</summary>
public sealed class PoisonedSaleTests
{
    [Fact]
    public async Task Sales_recorded_that_no_package_can_carry_are_rejected_with_why_and_the_others_are_accepted_across_restarts()
    {
        await using var p = await Pipeline.StartAsync();
        await p.SellAsync("good-1");
        await p.WaitUntilAsync(s => s.InvoiceBySale("good-1")?.State == InvoiceState.Accepted, "good-1 is accepted");

        // As a provider before the checks would have recorded them (or a file edited by hand): straight into the store.
        string[] poisons = ["poison-nul", "poison-overflow", "poison-json"];
        await p.RestartAsync(db =>
        {
            using var allocator = new CodeAllocator(db);
            var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
            void Record(string saleId, string saleJson) => allocator.Allocate(new AllocationRequest(
                Pipeline.Register.RegisterId, Pipeline.Register.SellerTaxCode, Pipeline.Register.Block, 1,
                $"C{now.Year % 100:D2}M{Pipeline.Register.SeriesSellerPart}", now, saleJson, saleId));
            Record(poisons[0], SaleJson.Serialize(new Sale { Lines = [new SaleLine("Cà\0phê", "Ly", 1, 29_000, VatRate.Ten)] }));
            Record(poisons[1], SaleJson.Serialize(new Sale { Lines = [new SaleLine("Vàng", "Lượng", 1e11m, 1e11m, VatRate.Ten)] }));
            Record(poisons[2], "{ not a sale");
        });
        await p.SellAsync("good-2");
        await p.WaitUntilAsync(s => s.InvoiceBySale("good-2")?.State == InvoiceState.Accepted, "good-2 is accepted despite the poisoned sales before it");

        foreach (var id in poisons)
        {
            var status = await p.GetAsync($"api/v1/sales/{id}");
            Assert.Equal("rejected", status.GetProperty("state").GetString());
            Assert.Equal(PackageComposer.Unsendable, status.GetProperty("codes").GetString());
            Assert.StartsWith("cannot be packaged: ", status.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Contains("lines[0].name", p.Store.InvoiceBySale(poisons[0])!.Detail, StringComparison.Ordinal);
        var counts = await p.GetAsync("api/v1/status");
        Assert.Equal(3, counts.GetProperty("invoices").GetProperty("rejected").GetInt32());
        Assert.Contains("set aside", counts.GetProperty("lastProblem").GetString(), StringComparison.Ordinal);

        await p.RestartAsync();
        await p.SellAsync("good-3");
        await p.WaitUntilAsync(s => s.InvoiceBySale("good-3")?.State == InvoiceState.Accepted, "good-3 is accepted after a restart");
        Assert.Equal(3, p.Count(InvoiceState.Accepted));
        Assert.Equal(3, p.Count(InvoiceState.Rejected));

        // Sent again by hand, they are set aside again and stop nothing.
        using var retry = await p.Api.PostAsync("api/v1/retry?includeRejected=true", null);
        Assert.Equal(3, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requeued").GetInt32());
        await p.SellAsync("good-4");
        await p.WaitUntilAsync(s => s.InvoiceBySale("good-4")?.State == InvoiceState.Accepted && s.Invoices(InvoiceState.Rejected).Count == 3,
            "good-4 is accepted and the poisoned ones set aside again");
    }
}

using System.Net;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Pages;

/// <summary>The simulator with a 10-minute processing delay: packages stay Received for a while.</summary>
public sealed class DelayedSimulatorFactory() : SimulatorFactory(null, new Dictionary<string, string?> { ["processing-delay"] = "10m" });

/// <summary>A package not yet checked shows as Received, pending, with its due time and only its 999.</summary>
public sealed class PendingPageTests(DelayedSimulatorFactory sim) : IClassFixture<DelayedSimulatorFactory>
{
    [Fact]
    public async Task A_package_waiting_for_its_check_is_shown_as_received_with_its_due_time()
    {
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        var tvan = sim.Tvan();
        Assert.Equal(0, (await tvan.PostMessageAsync(body)).Ack!.Status);

        var client = await sim.LoggedInAsync();
        var home = await client.GetStringAsync("/");
        Assert.Contains("600 s", home); // the 204 delay in the status strip
        var row = home[home.IndexOf($"data-message-id=\"{id}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains(">Received<", row);
        Assert.Contains("pending, due", row);

        var response = await client.GetAsync($"/messages/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains("Phản hồi / Responses (1)", detail);
        Assert.Contains("data-type=\"999\"", detail);
        Assert.DoesNotContain("data-type=\"204\"", detail);
    }
}

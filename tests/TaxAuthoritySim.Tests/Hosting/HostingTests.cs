using System.Net;
using System.Text.Json;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConformanceKit.TaxAuthoritySim.Tests.Hosting;

/// <summary>Health, OpenAPI, and the docs keeping up with the routes and codes.</summary>
public sealed class HostingTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    [Fact]
    public async Task Health_answers_200_with_the_store_kind()
    {
        var health = await sim.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal("sqlite", json.GetProperty("store").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_contract_routes_and_the_UI_is_served()
    {
        var doc = await sim.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var route in new[] { "/api/v1/messages", "/api/v1/messages/{messageId}/responses", "/api/v1/inbox",
                     "/api/v1/invoices/{mst}/{code}", "/api/v1/certificate", "/admin/v1/seed", "/admin/v1/reset",
                     "/admin/v1/clock", "/admin/v1/clock/advance", "/admin/v1/faults", "/admin/v1/journal", "/health" })
            Assert.Contains($"\"{route}\"", doc);
        var ui = await sim.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public void Every_route_is_documented_in_docs_simulator_md()
    {
        // docs write {MTDiep} and {code} where the code names parameters otherwise: compare with every parameter as {}.
        static string Shape(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\{[^}/]*\}", "{}");
        var text = Shape(File.ReadAllText(Path.Combine(RepoRoot(), "docs", "simulator.md")));
        var routes = sim.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal) || r.StartsWith("/admin/", StringComparison.Ordinal))
            .Distinct();
        foreach (var route in routes)
        {
            // The whole route, so a new route under a documented one is caught (a stem used to be enough).
            Assert.True(text.Contains(Shape(route), StringComparison.Ordinal), $"docs/simulator.md does not mention {route}");
        }
    }

    [Fact]
    public void Every_error_code_has_an_example_in_docs_error_codes_md()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "error-codes.md"));
        foreach (var code in ErrorCatalog.Codes)
        {
            var row = lines.FirstOrDefault(l => l.StartsWith($"| {code} |", StringComparison.Ordinal));
            Assert.True(row is not null, $"code {code} is not in docs/error-codes.md");
            Assert.False(row!.TrimEnd().EndsWith("| |", StringComparison.Ordinal), $"code {code} has no example");
        }
    }

    internal static string RepoRoot() => RepoPaths.Root;
}

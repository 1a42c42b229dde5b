using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Contract;

/// <summary>/openapi/v1.json describes every request body and the two key headers, so Swagger UI's "Try it out" works.</summary>
public sealed class OpenApiTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private async Task<JsonNode> DocumentAsync() =>
        (await sim.CreateClient().GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;

    [Fact]
    public async Task The_key_headers_are_apiKey_security_schemes()
    {
        var schemes = (await DocumentAsync())["components"]!["securitySchemes"]!;
        foreach (var header in new[] { "X-Api-Key", "X-Admin-Key" })
        {
            var scheme = schemes[header]!;
            Assert.Equal("apiKey", (string?)scheme["type"]);
            Assert.Equal("header", (string?)scheme["in"]);
            Assert.Equal(header, (string?)scheme["name"]);
        }
    }

    [Fact]
    public async Task Each_route_requires_its_key()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var admin = paths.Where(p => p.Key.StartsWith("/admin/v1/", StringComparison.Ordinal)).SelectMany(p => p.Value!.AsObject()).ToList();
        Assert.Equal(12 + 8, admin.Count); // the control plane and the certifier's routes (issue 17: 8 with the session clock)
        Assert.All(admin, op => Assert.Equal(["X-Admin-Key"], Schemes(op.Value!)));
        foreach (var (path, method) in new[] { ("/api/v1/messages", "post"), ("/api/v1/messages/{messageId}/responses", "get"), ("/api/v1/inbox", "get"),
                     ("/api/v1/certification/session", "get"), ("/api/v1/certification/steps/{stepId}/done", "post") })
            Assert.Equal(["X-Api-Key"], Schemes(paths[path]![method]!));
        // The look-up: a T-VAN's key, the admin key, or none (a buyer with ?total=).
        var lookUp = paths["/api/v1/invoices/{mst}/{code}"]!["get"]!["security"]!.AsArray();
        Assert.Equal(3, lookUp.Count);
        Assert.Contains(lookUp, r => r!.AsObject().Count == 0);
        Assert.Null(paths["/api/v1/certificate"]!["get"]!["security"]);
        Assert.Null(paths["/health"]!["get"]!["security"]);
    }

    [Fact]
    public async Task Sending_a_message_takes_an_XML_body()
    {
        var body = (await DocumentAsync())["paths"]!["/api/v1/messages"]!["post"]!["requestBody"]!;
        Assert.True((bool?)body["required"]);
        var xml = body["content"]!["application/xml"]!;
        Assert.Equal("string", (string?)xml["schema"]!["type"]);
        Assert.StartsWith("<?xml", (string?)xml["example"]);
        Assert.Contains("<MLTDiep>206</MLTDiep>", (string?)xml["example"]);
    }

    [Fact]
    public async Task A_fault_rule_is_a_JSON_body_with_the_rule_s_properties()
    {
        var doc = await DocumentAsync();
        var schema = Resolve(doc, doc["paths"]!["/admin/v1/faults"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
        var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var name in new[] { "action", "route", "messageType", "mst", "tvan", "delaySeconds", "probability", "firstN" })
            Assert.Contains(name, properties);
        Assert.Contains("action", schema["required"]!.AsArray().Select(n => (string?)n));
        var actions = Resolve(doc, schema["properties"]!["action"]!)["enum"]!.AsArray().Select(n => (string?)n).ToList();
        Assert.Contains("Delay204", actions);
        Assert.Contains("Status503", actions);

        foreach (var (path, method, property) in new[]
                 {
                     ("/admin/v1/seed", "post", "tvans"), ("/admin/v1/clock", "put", "processingDelaySeconds"),
                     ("/admin/v1/clock/advance", "post", "seconds"), ("/admin/v1/reconciliation", "post", "month"),
                 })
        {
            var body = Resolve(doc, doc["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
            Assert.NotNull(body["properties"]![property]);
        }
        var journal = Resolve(doc, doc["paths"]!["/admin/v1/journal"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
        Assert.NotNull(journal["properties"]!["entries"]);
    }

    private static IEnumerable<string> Schemes(JsonNode operation) =>
        operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)) ?? [];

    private static JsonNode Resolve(JsonNode doc, JsonNode schema) =>
        schema["$ref"] is { } r ? doc["components"]!["schemas"]![((string)r!).Split('/')[^1]]! : schema;
}

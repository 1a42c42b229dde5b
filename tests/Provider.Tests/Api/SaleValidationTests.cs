using System.Net;
using System.Text;
using System.Text.Json;

namespace ConformanceKit.Provider.Tests.Api;

/// <summary>One provider for the class: every request here is refused, so none may leave a trace.</summary>
public sealed class RefusingProviderFixture : IAsyncLifetime
{
    public Pipeline P { get; private set; } = null!;

    public async Task InitializeAsync() => P = await Pipeline.StartAsync();

    public async Task DisposeAsync() => await P.DisposeAsync();
}

/// <summary>POST /api/v1/sales answers what it cannot invoice with a 400 problem naming the field and the rule, and keeps nothing.</summary>
public sealed class SaleValidationTests(RefusingProviderFixture fixture) : IClassFixture<RefusingProviderFixture>
{
    private const string Good = """{ "name": "Trà", "unit": "Ly", "quantity": 1, "unitPrice": 10000, "rate": "10%" }""";

    private static string Sale(string line, string extra = "") => $$"""{ "saleId": "v", "lines": [ {{line}} ]{{extra}} }""";

    private static string Line(string name = "Trà", string quantity = "1", string price = "10000") =>
        $$"""{ "name": "{{name}}", "unit": "Ly", "quantity": {{quantity}}, "unitPrice": {{price}}, "rate": "10%" }""";

    public static TheoryData<string, string, string> Refused => new()
    {
        { Sale(Line(name: "Cà\\u0000phê")), "lines[0].name", "xml-chars" },
        { Sale(Good + "," + Line(name: "Trà \\u001b đá")), "lines[1].name", "xml-chars" },
        { Sale(Line(name: new string('a', 501))), "lines[0].name", "max-length" },
        { Sale(Line(quantity: "100000000000", price: "100000000000")), "lines[0].unitPrice", "total" },
        { Sale(Line(quantity: "1e20", price: "1e10")), "lines[0].quantity", "range" },
        { Sale(Line(quantity: "0.0000001")), "lines[0].quantity", "decimals" },
        { Sale(Line(price: "600000000000000") + "," + Line(price: "600000000000000")), "lines", "total" },
        { Sale("null"), "lines[0]", "required" },
        { Sale(Good, """, "promotions": [null]"""), "promotions[0]", "required" },
        { Sale(Good, """, "buyer": { "name": "A", "taxCode": "abc" }"""), "buyer.taxCode", "pattern" },
        { Sale(Good, $$""", "buyer": { "name": "{{new string('n', 101)}}" }"""), "buyer.name", "max-length" },
        { Sale(Good, """, "paymentMethod": "TM\uffff" """), "paymentMethod", "xml-chars" },
        { Sale(Good, """, "discount": { "name": "CK\u0002", "amount": 1000, "rate": "10%" }"""), "discount.name", "xml-chars" },
        { """{ "saleId": "v\u0001", "lines": [ """ + Good + " ] }", "saleId", "xml-chars" },
        { $$"""{ "saleId": "v", "registerId": "{{new string('r', 101)}}", "lines": [ {{Good}} ] }""", "registerId", "max-length" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_sale_the_invoice_cannot_carry_is_a_400_naming_the_field_and_the_rule(string body, string field, string rule)
    {
        var before = fixture.P.Store.Invoices().Count;
        var problem = await PostAsync(Encoding.UTF8.GetBytes(body));
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        AssertNothingKept(before);
    }

    public static TheoryData<string> NotJson => new()
    {
        "", "null", "[]", "42", "\"sale\"", "{", """{ "lines": "x" }""", """{ "lines": [ { "name": 5 } ] }""",
        Sale(Line(quantity: "1e300")), Sale(Line(quantity: "NaN")), Sale(Line(price: "true")), Sale(Line(name: "\\ud800")),
        Sale(Line(name: "\\udc00 x")), new string('[', 5000) + new string(']', 5000), "{\"saleId\":" + new string('[', 100) + new string(']', 100) + "}",
        Sale(Good)[..20], """{ "saleId": "v", "lines": [ """ + Good + """ ], "buyer": [] }""",
    };

    [Theory]
    [MemberData(nameof(NotJson))]
    public async Task A_body_that_is_not_a_sale_is_a_400_problem(string body)
    {
        var before = fixture.P.Store.Invoices().Count;
        await PostAsync(Encoding.UTF8.GetBytes(body));
        AssertNothingKept(before);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_are_a_400_problem()
    {
        var before = fixture.P.Store.Invoices().Count;
        await PostAsync([.. Encoding.UTF8.GetBytes("{\"saleId\":\"v\",\"lines\":[{\"name\":\""), 0xFF, 0xFE, 0xC0, .. Encoding.UTF8.GetBytes("\"}]}")]);
        AssertNothingKept(before);
    }

    private async Task<JsonElement> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await fixture.P.Api.PostAsync("api/v1/sales", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    // Relative to the count before, so that one case failing does not fail the others.
    private void AssertNothingKept(int before)
    {
        Assert.Equal(before, fixture.P.Store.Invoices().Count);
        Assert.Empty(fixture.P.Store.Invoices(InvoiceState.Issued));
    }
}

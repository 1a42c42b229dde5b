using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider.Import;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Tests.Import;

public sealed class JsonSaleFileTests
{
    private static SaleFileParseResult Parse(string json, bool bom = false) =>
        SaleFileParser.Parse("sales.json", ImportFiles.Bytes(json, bom), SaleFileFormat.Json);

    private const string Full = """
        {
          "saleId": "HD-1", "registerId": "quay-2",
          "lines": [
            { "name": "Cà phê sữa, đá", "unit": "Ly", "quantity": 2, "unitPrice": 25000, "rate": "8%", "itemCode": "CF01" },
            { "name": "Trà", "unit": "Ly", "quantity": "1.5", "unitPrice": "30000", "rate": "10%", "discount": 5000 }
          ],
          "buyer": { "name": "Công ty TNHH An Bình", "taxCode": "0101234567", "address": "12 Lê Lợi, Quận 1" },
          "discount": { "name": "Chiết khấu", "amount": 10000, "rate": "8%" },
          "promotions": [ { "name": "Móc khóa", "unit": "Cái", "quantity": 1 } ],
          "paymentMethod": "TM"
        }
        """;

    private static void AssertFull(ImportedSale s)
    {
        Assert.Equal(("HD-1", "quay-2", 1), (s.SaleId, s.RegisterId, s.Row));
        Assert.Equal(
            [new SaleLine("Cà phê sữa, đá", "Ly", 2m, 25000m, VatRate.Eight, 0m, "CF01"), new SaleLine("Trà", "Ly", 1.5m, 30000m, VatRate.Ten, 5000m)],
            s.Sale.Lines);
        Assert.Equal(new Buyer("Công ty TNHH An Bình", "12 Lê Lợi, Quận 1", "0101234567"), s.Sale.Buyer);
        Assert.Equal(new TradeDiscount("Chiết khấu", 10000m, VatRate.Eight), s.Sale.Discount);
        Assert.Equal([new PromotionLine("Móc khóa", "Cái", 1m)], s.Sale.Promotions);
        Assert.Equal("TM", s.Sale.PaymentMethod);
    }

    [Fact]
    public void An_array_of_sales_is_read()
    {
        var result = Parse($$"""[ {{Full}}, { "saleId": "HD-2", "lines": [ { "name": "Bánh", "unit": "Cái", "quantity": 1, "unitPrice": 1000, "rate": "KCT" } ] } ]""", bom: true);
        Assert.Empty(result.Errors);
        AssertFull(result.Sales[0]);
        Assert.Equal(("HD-2", null, 2, "TM/CK"), (result.Sales[1].SaleId, result.Sales[1].RegisterId, result.Sales[1].Row, result.Sales[1].Sale.PaymentMethod));
        Assert.Null(result.Sales[1].Sale.Buyer);
    }

    [Fact]
    public void An_object_with_sales_is_read()
    {
        var result = Parse($$"""{ "sales": [ {{Full}} ] }""");
        Assert.Empty(result.Errors);
        AssertFull(Assert.Single(result.Sales));
    }

    [Fact]
    public void A_sale_serialised_by_SaleJson_plus_its_id_is_a_valid_file_sale()
    {
        var sale = new Sale
        {
            Lines = [new SaleLine("Phở bò", "Bát", 1m, 50000m, VatRate.Eight, 0m, "P1")],
            Buyer = new Buyer("Lê Chi", PersonalId: "001234567890"),
            Promotions = [new PromotionLine("Trà đá", "Cốc", 1m)],
        };
        var json = "[{\"saleId\":\"X\"," + SaleJson.Serialize(sale)[1..] + "]";
        var read = Assert.Single(Parse(json).Sales).Sale;
        Assert.Equal(sale.Lines, read.Lines);
        Assert.Equal(sale.Buyer, read.Buyer);
        Assert.Equal(sale.Promotions, read.Promotions);
        Assert.Equal(sale.PaymentMethod, read.PaymentMethod);
    }

    [Fact]
    public void Every_error_is_reported_with_the_sale_number_and_its_JSON_path()
    {
        const string line = """{ "name": "Bánh", "unit": "Cái", "quantity": 1, "unitPrice": 1000, "rate": "10%" }""";
        var json = $$"""
            { "sales": [
              { "saleId": "S1", "lines": [ {{line}} ] },
              { "saleId": "S2", "lines": [ { "name": "A", "unit": "c", "quantity": 1, "unitPrice": 100, "rate": "9%" } ] },
              { "saleId": "S1", "lines": [ {{line}} ] },
              { "lines": [ {{line}} ] },
              { "saleId": "S4", "lines": [ { "name": "X", "unit": "c", "quantity": -1, "unitPrice": "abc", "rate": "10%", "colour": "red" } ] },
              { "saleId": "S5", "lines": [ {{line}} ], "discount": { "name": "CK", "amount": 2000, "rate": "10%" } },
              { "saleId": "S6", "lines": [] },
              { "saleId": "S7", "lines": [ { "name": "Y", "unit": "c", "quantity": 1, "unitPrice": 100, "rate": 10 } ], "buyer": "Lan" },
              { "saleId": "S8", "lines": [ { "name": "Z", "unit": "c", "quantity": 1, "unitPrice": 100, "rate": "5%", "discount": 300 } ] }
            ] }
            """;
        var result = Parse(json);
        Assert.Empty(result.Sales);
        Assert.Equal(
            [
                (2, "$.sales[1].lines[0].rate"), (3, "$.sales[2].saleId"), (4, "$.sales[3].saleId"),
                (5, "$.sales[4].lines[0].colour"), (5, "$.sales[4].lines[0].quantity"), (5, "$.sales[4].lines[0].unitPrice"),
                (6, "$.sales[5].discount.amount"), (7, "$.sales[6].lines"), (8, "$.sales[7].lines[0].rate"), (8, "$.sales[7].buyer"),
                (9, "$.sales[8].lines[0].discount"),
            ],
            result.Errors.Select(e => (e.Row, e.Column)));
        string Message(string column) => result.Errors.Single(e => e.Column == column).Message;
        Assert.Equal("'9%' is not a VAT rate; accepted: 0%, 5%, 8%, 10%, KCT, KKKNT or KHAC:AB.CD", Message("$.sales[1].lines[0].rate"));
        Assert.Equal("saleId 'S1' is already used by sale 1", Message("$.sales[2].saleId"));
        Assert.Equal("a value is required", Message("$.sales[3].saleId"));
        Assert.Equal("'-1' is negative", Message("$.sales[4].lines[0].quantity"));
        Assert.StartsWith("'abc' is not a number", Message("$.sales[4].lines[0].unitPrice"));
        Assert.StartsWith("unknown property", Message("$.sales[4].lines[0].colour"));
        Assert.Equal("the trade discount 2000 is more than the goods it applies to (1000)", Message("$.sales[5].discount.amount"));
        Assert.Equal("a sale needs at least one line", Message("$.sales[6].lines"));
        Assert.Equal("must be an object", Message("$.sales[7].buyer"));
        Assert.Equal("'Z': discount is more than the line is worth", Message("$.sales[8].lines[0].discount"));
    }

    [Fact]
    public void Paths_of_an_array_file_start_at_the_root()
    {
        var error = Assert.Single(Parse("""[ { "saleId": "A", "lines": [ { "name": "B", "unit": "c", "quantity": 1, "unitPrice": 1, "rate": "7%" } ] } ]""").Errors);
        Assert.Equal(("sales.json", 1, "$[0].lines[0].rate"), (error.File, error.Row, error.Column));
    }

    [Fact]
    public void A_syntax_error_is_located_by_line_and_column()
    {
        var error = Assert.Single(Parse("[\n  { \"saleId\": \"S1\",\n    \"lines\": [ } ]\n]").Errors);
        Assert.Equal((3, "3:16"), (error.Row, error.Column));
        Assert.StartsWith("not valid JSON: ", error.Message);
    }

    [Theory]
    [InlineData("{ \"sale\": [] }", 0, "$.sale")]
    [InlineData("\"x\"", 0, "$")]
    [InlineData("[]", 0, "$")]
    [InlineData("{ \"sales\": {} }", 0, "$.sales")]
    [InlineData("[ 1 ]", 1, "$[0]")]
    public void Wrong_shapes_are_reported(string json, int row, string column)
    {
        var result = Parse(json);
        Assert.Contains(result.Errors, e => e.Row == row && e.Column == column);
        Assert.Empty(result.Sales);
    }
}

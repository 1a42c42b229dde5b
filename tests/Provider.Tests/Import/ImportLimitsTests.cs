using System.Text;
using ConformanceKit.Provider.Import;
using ConformanceKit.Provider.Pos;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider.Tests.Import;

/// <summary>Sale files and the intermediate table refuse what the invoice cannot carry, as mapping errors where it is.</summary>
public sealed class ImportLimitsTests
{
    [Fact]
    public void A_csv_file_with_text_or_amounts_the_invoice_cannot_carry_gives_errors_by_row_and_column_and_no_sale()
    {
        var csv = string.Join("\n",
            ImportFiles.Header,
            ImportFiles.Row(("sale_id", "s1"), ("name", "Cà\u0001phê"), ("unit", "Ly"), ("quantity", "1"), ("unit_price", "1000"), ("vat_rate", "10%")),
            ImportFiles.Row(("sale_id", "s2"), ("name", "Trà"), ("unit", new string('u', 51)), ("quantity", "1"), ("unit_price", "1000"), ("vat_rate", "10%")),
            ImportFiles.Row(("sale_id", "s3"), ("name", "Bánh"), ("unit", "Cái"), ("quantity", "1"), ("unit_price", "1000"), ("vat_rate", "10%"),
                ("buyer_tax_code", "12345")),
            ImportFiles.Row(("sale_id", "s4"), ("name", "Vàng"), ("unit", "Lượng"), ("quantity", "100000000000"), ("unit_price", "100000000000"),
                ("vat_rate", "10%")),
            ImportFiles.Row(("sale_id", "s5"), ("name", "Kẹo"), ("unit", "Gói"), ("quantity", "1"), ("unit_price", "1000"), ("vat_rate", "10%"),
                ("payment_method", "TM\uFFFF")),
            ImportFiles.Row(("sale_id", "s6"), ("name", "Nước"), ("unit", "Chai"), ("quantity", "1"), ("unit_price", "5000"), ("vat_rate", "KCT")));

        var result = SaleFileParser.Parse("sales.csv", csv, SaleFileFormat.Csv);

        Assert.Empty(result.Sales);
        Assert.Equal([(2, "name"), (3, "unit"), (4, "buyer_tax_code"), (5, "unit_price"), (6, "payment_method")],
            result.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("U+0001", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_file_with_control_characters_lone_surrogates_or_overflowing_amounts_gives_errors_at_their_paths()
    {
        const string json = """
            [
              { "saleId": "a", "lines": [ { "name": "Cà\u0000phê", "unit": "Ly", "quantity": 1, "unitPrice": 1000, "rate": "10%" } ] },
              { "saleId": "b", "lines": [ { "name": "Trà", "unit": "Ly", "quantity": 1e20, "unitPrice": 1e10, "rate": "10%" } ] },
              { "saleId": "c", "lines": [ { "name": "Trà", "unit": "Ly", "quantity": 1, "unitPrice": 1000, "rate": "10%" } ],
                "buyer": { "name": "x", "taxCode": "0101234567-1" } }
            ]
            """;
        var result = SaleFileParser.Parse("sales.json", json, SaleFileFormat.Json);
        Assert.Empty(result.Sales);
        Assert.Equal(["$[0].lines[0].name", "$[1].lines[0].quantity", "$[2].buyer.taxCode"], result.Errors.Select(e => e.Column));

        var surrogate = SaleFileParser.Parse("odd.json", """[ { "saleId": "d", "lines": [ { "name": "\ud800", "unit": "Ly", "quantity": 1, "unitPrice": 1, "rate": "10%" } ] } ]""",
            SaleFileFormat.Json);
        Assert.Empty(surrogate.Sales);
        Assert.Single(surrogate.Errors);
    }

    [Fact]
    public async Task A_table_row_that_cannot_be_read_or_invoiced_is_marked_error_and_the_rows_behind_it_are_issued()
    {
        var connectionString = $"Data Source={Path.Combine(TestFolder.Create(), "shop.db")}";
        var intake = new FakeIntake();
        var poller = new IntermediateTablePoller(intake, connectionString, TimeSpan.FromSeconds(1));
        poller.EnsureSchema();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO ck_sales (id, created_at) VALUES ('HD-1', '2026-03-01T08:00:00Z'), ('HD-2', '2026-03-01T08:01:00Z'),
                    ('HD-3', '2026-03-01T08:02:00Z'), ('HD-4', '2026-03-01T08:03:00Z');
                INSERT INTO ck_sale_lines (sale_id, line_no, name, unit, quantity, unit_price, vat_rate) VALUES
                    ('HD-1', 1, 'Bánh', 'Cái', '1', '1000', '10%'),
                    ('HD-2', 99999999999, 'Kẹo', 'Gói', '1', '1000', '10%'),
                    ('HD-3', 1, 'Cà' || char(1) || 'phê', 'Ly', '1', '1000', '10%'),
                    ('HD-4', 1, 'Nước', 'Chai', '3', '5000', 'KCT');
                """;
            command.ExecuteNonQuery();
        }

        var result = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(["HD-1", "HD-4"], result.Issued.Select(i => i.Id));
        Assert.Equal(["HD-2", "HD-3"], result.Errors.Select(f => f.Id));
        Assert.Contains("column name", result.Errors[1].Error, StringComparison.Ordinal);
        Assert.Contains("U+0001", result.Errors[1].Error, StringComparison.Ordinal);
        Assert.Equal(["table:HD-1", "table:HD-4"], intake.Calls);
    }

    [Fact]
    public void Bytes_of_every_kind_in_a_sale_file_give_errors_never_an_exception()
    {
        var random = new Random(1403);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var text = i % 2 == 0 ? Encoding.UTF8.GetBytes("[{\"saleId\":\"x\",\"lines\":[{\"name\":\"") .Concat(bytes).ToArray() : bytes;
            var json = SaleFileParser.Parse("f.json", text, SaleFileFormat.Json);
            var csv = SaleFileParser.Parse("f.csv", Encoding.UTF8.GetBytes(ImportFiles.Header + "\n").Concat(bytes).ToArray(), SaleFileFormat.Csv);
            Assert.All(json.Sales.Concat(csv.Sales), s => Assert.Null(SaleCalculator.Check(s.Sale)));
        }
    }
}

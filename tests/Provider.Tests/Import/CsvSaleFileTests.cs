using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider.Import;
using ConformanceKit.Provider.Pos;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using static ConformanceKit.Provider.Tests.Import.ImportFiles;

namespace ConformanceKit.Provider.Tests.Import;

public sealed class CsvSaleFileTests
{
    private static SaleFileParseResult Parse(string text, bool bom = false) =>
        SaleFileParser.Parse("sales.csv", Bytes(text, bom), SaleFileFormat.Csv);

    private static (int Row, string Column)[] Where(SaleFileParseResult r) => r.Errors.Select(e => (e.Row, e.Column)).ToArray();

    [Fact]
    public void Rows_of_a_sale_form_one_sale_with_quoted_values_promotions_and_a_trade_discount()
    {
        var text = Header + "\r\n"
            + "S1,quay-2,\"Cà phê sữa, đá\",Ly,2,25000,8%,,CF01,,\"Công ty TNHH An Bình, chi nhánh 1\",0101234567,\"12 Lê Lợi, Quận 1\",,0901234567,TM\r\n"
            + "S2,,Bánh mì,Cái,1,20000,8%,0,,goods,,,,,,\r\n"
            + "S1,,\"Trà \"\"Thái\"\"\nđỏ\",Ly,1.5,30000,10%,5000,,,,,,,,\r\n"
            + "S1,,Móc khóa,Cái,1,,,,,promotion,,,,,,\r\n"
            + "S1,quay-2,Chiết khấu thành viên,,,10000,8%,,,discount,\"Công ty TNHH An Bình, chi nhánh 1\",,,,,\r\n";
        var result = Parse(text, bom: true);

        Assert.Empty(result.Errors);
        Assert.Equal(["S1", "S2"], result.Sales.Select(s => s.SaleId));
        var s1 = result.Sales[0];
        Assert.Equal(2, s1.Row);
        Assert.Equal("quay-2", s1.RegisterId);
        Assert.Equal(
            [new SaleLine("Cà phê sữa, đá", "Ly", 2m, 25000m, VatRate.Eight, 0m, "CF01"), new SaleLine("Trà \"Thái\"\nđỏ", "Ly", 1.5m, 30000m, VatRate.Ten, 5000m)],
            s1.Sale.Lines);
        Assert.Equal([new PromotionLine("Móc khóa", "Cái", 1m)], s1.Sale.Promotions);
        Assert.Equal(new TradeDiscount("Chiết khấu thành viên", 10000m, VatRate.Eight), s1.Sale.Discount);
        Assert.Equal(new Buyer("Công ty TNHH An Bình, chi nhánh 1", "12 Lê Lợi, Quận 1", "0101234567", null, "0901234567"), s1.Sale.Buyer);
        Assert.Equal("TM", s1.Sale.PaymentMethod);

        var s2 = result.Sales[1];
        Assert.Equal(3, s2.Row);
        Assert.Null(s2.RegisterId);
        Assert.Null(s2.Sale.Buyer);
        Assert.Equal("TM/CK", s2.Sale.PaymentMethod);
        Assert.Equal([new SaleLine("Bánh mì", "Cái", 1m, 20000m, VatRate.Eight)], s2.Sale.Lines);
    }

    [Fact]
    public void Only_the_required_columns_are_needed_in_any_order_and_LF_line_ends_work()
    {
        var result = Parse("vat_rate,unit_price,quantity,unit,name,sale_id\n10%,1000,3,Hộp,Sữa,A\n5%,2000,1,Gói,Kẹo,A\n");
        Assert.Empty(result.Errors);
        var sale = Assert.Single(result.Sales);
        Assert.Equal([new SaleLine("Sữa", "Hộp", 3m, 1000m, VatRate.Ten), new SaleLine("Kẹo", "Gói", 1m, 2000m, VatRate.Five)], sale.Sale.Lines);
    }

    [Fact]
    public void Every_error_of_the_file_is_reported_with_its_row_and_column_and_no_sale_is_returned()
    {
        var text = Csv(
            Goods("A", "Gạo", "abc", "20000", "8%"),                                  // 2
            Goods("A", "Muối", "1", "-5", "8%"),                                      // 3
            Goods("B", "", "1", "1000", "9%"),                                        // 4
            Goods("", "Đường", "1", "1000", "8%"),                                    // 5
            Goods("C", "Nước", "1", "1000", "8%", discount: "2000"),                  // 6
            Row(("sale_id", "D"), ("name", "Kẹo"), ("unit", "gói"), ("quantity", "1"), ("unit_price", "1000"), ("vat_rate", "8%"), ("kind", "gift")), // 7
            Row(("sale_id", "E"), ("name", "Sữa"), ("unit", "hộp"), ("quantity", "1"), ("unit_price", "1000"), ("vat_rate", "8%"), ("buyer_name", "Nguyễn An")), // 8
            Row(("sale_id", "E"), ("name", "Sữa chua"), ("unit", "hộp"), ("quantity", "1"), ("unit_price", "1000"), ("vat_rate", "8%"), ("buyer_name", "Trần Bình")), // 9
            Row(("sale_id", "F"), ("name", "Quà"), ("unit", "cái"), ("quantity", "1"), ("kind", "promotion")), // 10
            Goods("G", "Bánh", "0", "1000", "8%"),                                    // 11
            string.Join(',', Goods("H", "Táo", "1", "1000", "8%").Split(',').SkipLast(1)), // 12: one value short
            Goods("I", "Chè", "1", "5000", "10%"),                                    // 13
            Row(("sale_id", "I"), ("name", "CK"), ("unit_price", "6000"), ("vat_rate", "10%"), ("kind", "discount")), // 14
            "J,,Bưởi,Cái,1,1.000,5,5%,,,,,,,,,");                                     // 15: an unquoted ',' shifts the values

        var result = Parse(text);

        Assert.Empty(result.Sales);
        Assert.All(result.Errors, e => Assert.Equal("sales.csv", e.File));
        Assert.Equal(
            [
                (2, "quantity"), (3, "unit_price"), (4, "name"), (4, "vat_rate"), (5, "sale_id"), (6, "discount"), (7, "kind"),
                (9, "buyer_name"), (10, "kind"), (11, "quantity"), (12, "payment_method"), (14, "unit_price"), (15, "column 17"),
            ],
            Where(result));
        string Message(int row, string column) => result.Errors.Single(e => e.Row == row && e.Column == column).Message;
        Assert.Equal("'abc' is not a number (use '.' for decimals, no thousands separator)", Message(2, "quantity"));
        Assert.Equal("'-5' is negative", Message(3, "unit_price"));
        Assert.Equal("a value is required", Message(4, "name"));
        Assert.Equal("'9%' is not a VAT rate; accepted: 0%, 5%, 8%, 10%, KCT, KKKNT or KHAC:AB.CD", Message(4, "vat_rate"));
        Assert.Equal("'Nước': discount is more than the line is worth", Message(6, "discount"));
        Assert.StartsWith("'gift' is not a line kind", Message(7, "kind"));
        Assert.StartsWith("'Trần Bình' differs from the sale's first row (row 8: 'Nguyễn An')", Message(9, "buyer_name"));
        Assert.StartsWith("a sale needs at least one line", Message(10, "kind"));
        Assert.Equal("must be more than 0", Message(11, "quantity"));
        Assert.Equal("the row has 15 values, the header 16", Message(12, "payment_method"));
        Assert.Equal("the trade discount 6000 is more than the goods it applies to (5000)", Message(14, "unit_price"));
        Assert.Equal("the row has 17 values, the header 16", Message(15, "column 17"));
    }

    [Fact]
    public void Header_problems_are_reported_on_row_1_with_the_column_name()
    {
        var result = Parse("sale_id,name,unit,quantity,price,vat_rate,sale_id\nA,Gạo,kg,1,1000,8%,A\n");
        Assert.Empty(result.Sales);
        Assert.Equal([(1, "price"), (1, "sale_id"), (1, "unit_price")], Where(result));
        Assert.StartsWith("unknown column; the columns are sale_id,register_id,", result.Errors[0].Message);
        Assert.Equal("the column appears twice in the header", result.Errors[1].Message);
        Assert.Equal("a required column is missing from the header", result.Errors[2].Message);
    }

    [Theory]
    [InlineData("", 1, "", "the file is empty")]
    [InlineData("\r\n\r\n", 1, "", "the file is empty")]
    [InlineData(Header + "\r\n", 1, "", "the file holds no sale")]
    [InlineData(Header + "\r\nA,,\"Gạo,kg,1,1000,8%,,,,,,,,,\r\n", 2, "name", "a quoted value is not closed")]
    [InlineData(Header + "\r\nA,,Gạo 5\" ngon,kg,1,1000,8%,,,,,,,,,\r\n", 2, "name", "a quote inside an unquoted value")]
    [InlineData(Header + "\r\nA,,\"Gạo\" ngon,kg,1,1000,8%,,,,,,,,,\r\n", 2, "name", "text after the closing quote")]
    public void Malformed_files_are_located(string text, int row, string column, string message)
    {
        var result = Parse(text);
        var error = Assert.Single(result.Errors);
        Assert.Equal((row, column), (error.Row, error.Column));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_refused()
    {
        var bytes = ImportFiles.Bytes(Csv(Goods("A", "Ca phe", "1", "1000", "8%")));
        bytes[^10] = 0xFF;
        var error = Assert.Single(SaleFileParser.Parse("x.csv", bytes, SaleFileFormat.Csv).Errors);
        Assert.Equal((1, ""), (error.Row, error.Column));
        Assert.Contains("not UTF-8", error.Message);
    }

    [Fact]
    public void Row_numbers_count_the_lines_of_quoted_line_breaks()
    {
        var text = Csv("A,,\"Hai\r\ndòng\",Cái,1,1000,8%,,,,,,,,,", Goods("A", "Ba", "x", "1", "8%"));
        Assert.Equal([(4, "quantity")], Where(Parse(text)));
    }

    [Fact]
    public void Any_name_survives_CSV_quoting()
    {
        var chars = Gen.Elements('a', 'Đ', 'ữ', ',', '"', '\n', '\r', ' ', ';', '\'', '1');
        var name = Gen.ArrayOf(chars).Select(c => new string(c).Trim()).Where(s => s.Length > 0 && s.Trim().Length == s.Length);
        var config = Config.QuickThrowOnFailure.WithMaxTest(200)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261203UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        Check.One(config, Prop.ForAll(name.ToArbitrary(), n =>
        {
            var quoted = "\"" + n.Replace("\"", "\"\"") + "\"";
            var result = Parse(Csv($"S,,{quoted},Cái,1,1000,8%,,,,,,,,,", $"S,,{quoted},Cái,2,1000,8%,,,,,,,,,"));
            return result.Ok && result.Sales.Single().Sale.Lines.All(l => l.Name == n);
        }));
    }
}

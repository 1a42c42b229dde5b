using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Tests.Pos;

public sealed class SaleCalculatorTests
{
    [Fact]
    public void Mixed_rates_KCT_line_discount_trade_discount_and_promotion_add_up()
    {
        var sale = new Sale
        {
            Lines =
            [
                PosFixtures.Line("Cà phê sữa đá", 2, 29_000, "10%"),
                PosFixtures.Line("Bánh mì thịt", 1, 25_000, "8%", discount: 5_000),
                PosFixtures.Line("Rau muống", 0.5m, 30_000, "KCT"),
                PosFixtures.Line("Sữa tươi", 3, 36_000, "5%"),
                PosFixtures.Line("Trà đào", 1, 45_000, "10%"),
            ],
            Discount = new TradeDiscount("Chiết khấu thành viên", 10_000, VatRate.Ten),
            Promotions = [new PromotionLine("Kẹo bạc hà", "Gói", 1)],
        };

        var t = SaleCalculator.Compute(sale);

        Assert.Equal([58_000m, 20_000m, 15_000m, 108_000m, 45_000m], t.LineAmounts);
        Assert.Equal(["10%", "5%", "8%", "KCT"], t.Rates.Select(r => r.Rate.Value));
        Assert.Equal([93_000m, 108_000m, 20_000m, 15_000m], t.Rates.Select(r => r.Amount));
        Assert.Equal([9_300m, 5_400m, 1_600m, null], t.Rates.Select(r => r.Tax));
        Assert.Equal(246_000m, t.TotalBeforeTax);
        Assert.Equal(10_000m, t.TradeDiscount);
        Assert.Equal(16_300m, t.TotalTax);
        Assert.Equal(252_300m, t.TotalPayable);
        Assert.Equal("Hai trăm năm mươi hai nghìn ba trăm đồng", t.TotalPayableInWords);
    }

    [Fact]
    public void Fractional_amounts_round_half_away_from_zero_to_whole_dong()
    {
        var sale = new Sale { Lines = [PosFixtures.Line("Gạo ST25", 1.25m, 38_500, "5%"), PosFixtures.Line("Gạo nếp", 0.333m, 1_500, "8%")] };

        var t = SaleCalculator.Compute(sale);

        Assert.Equal([48_125m, 500m], t.LineAmounts);                      // 499.5 → 500
        Assert.Equal([2_406m, 40m], t.Rates.Select(r => r.Tax));           // 2406.25 → 2406, 40
        Assert.Equal(48_625m + 2_446m, t.TotalPayable);
    }

    [Fact]
    public void A_sales_invoice_has_no_tax()
    {
        var sale = new Sale
        {
            Lines = [PosFixtures.Line("Phở bò", 2, 55_000, "KCT")],
            Discount = new TradeDiscount("Giảm giá", 5_000, VatRate.NotSubject),
        };

        var t = SaleCalculator.Compute(sale, form: 2);

        Assert.Empty(t.Rates);
        Assert.Equal(0m, t.TotalTax);
        Assert.Equal(105_000m, t.TotalPayable);
        Assert.True(VietnameseAmountInWords.Matches(t.TotalPayableInWords, 105_000));
    }

    [Theory]
    [InlineData(0, 1_000, 0, null, "quantity must be positive")]
    [InlineData(1, 1_000, 2_000, null, "discount is more than")]
    [InlineData(1, 1_000, 0, 5_000, "trade discount 5000 is more than")]
    public void Sales_that_cannot_be_invoiced_are_refused(int qty, int price, int discount, int? trade, string error)
    {
        var sale = new Sale
        {
            Lines = [PosFixtures.Line("Nước suối", qty, price, "10%", discount)],
            Discount = trade is { } d ? new TradeDiscount("CK", d, VatRate.Ten) : null,
        };

        var ex = Assert.Throws<ArgumentException>(() => SaleCalculator.Compute(sale));
        Assert.Contains(error, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_format_from_the_command_line_parses()
    {
        var line = SaleLineParser.ParseLine("Cà phê sữa đá;Ly;2;29000;10%;1500.5");

        Assert.Equal(new SaleLine("Cà phê sữa đá", "Ly", 2m, 29_000m, VatRate.Ten, 1_500.5m), line);
        Assert.Throws<FormatException>(() => SaleLineParser.ParseLine("Cà phê;Ly;2;29000;12%"));
        Assert.Throws<FormatException>(() => SaleLineParser.ParseLine("Cà phê;Ly;2"));
    }
}

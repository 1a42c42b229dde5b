using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider.Pos;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ConformanceKit.Provider.Tests.Pos;

public sealed class IssuedInvoiceValidationTests
{
    private static readonly string[] Rates = ["0%", "5%", "8%", "10%", "KCT", "KKKNT"];

    [Fact]
    public void Issued_invoices_validate_with_no_error_and_no_advisory_finding()
    {
        var db = PosFixtures.TempDb();
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.Zero)); // 01:30 on 2 March in Hà Nội
        using var allocator = new CodeAllocator(db);
        var vat = new CashRegister(PosFixtures.Config("quay-1"), allocator, clock);
        var sales = new CashRegister(PosFixtures.Config("quay-2", form: 2), allocator, clock);

        var issued = new List<IssuedInvoice>
        {
            vat.Issue(new Sale
            {
                Lines = [PosFixtures.Line("Cà phê", 2, 29_000, "10%"), PosFixtures.Line("Rau", 0.5m, 30_000, "KCT", 1_000)],
                Discount = new TradeDiscount("Chiết khấu", 3_000, VatRate.Ten),
                Promotions = [new PromotionLine("Kẹo", "Gói", 2)],
                Buyer = new Buyer("Nguyễn Văn A", "12 Hàng Bài, Hà Nội", PersonalId: "001203004567", Phone: "0912345678"),
            }),
            vat.Issue(new Sale
            {
                Lines = [PosFixtures.Line("Dầu ăn", 3, 52_000, "8%"), PosFixtures.Line("Xăng", 1, 10_000, "KKKNT")],
                Buyer = new Buyer("Công ty TNHH Thử", "1 Lê Lợi", TaxCode: "0301521415"),
            }),
            sales.Issue(new Sale
            {
                Lines = [PosFixtures.Line("Phở bò", 2, 55_000, "KCT", 5_000)],
                Discount = new TradeDiscount("Giảm giá", 5_000, VatRate.NotSubject),
            }),
        };

        var result = PosFixtures.Validate(issued.Select(i => i.Invoice));

        Assert.True(result.Findings.Count == 0, PosFixtures.Describe(result));
        Assert.Equal(["M1-26-A1B2C-00000000001", "M1-26-A1B2C-00000000002", "M2-26-A1B2C-00000000003"], issued.Select(i => i.Code.Value));
        Assert.Equal(new DateOnly(2026, 3, 2), issued[0].Invoice.General.IssueDate);
        Assert.Equal(["C26MAA", "1", PosFixtures.Mst], [issued[0].Invoice.General.Series!, issued[0].Invoice.General.Number!, issued[0].TaxCode]);
        Assert.Equal(issued[0].Invoice.Totals.TotalPayable, CashRegister.Rebuild(PosFixtures.Config(), allocator.List()[0]).Totals.TotalPayable);
    }

    [Fact]
    public void Random_sales_always_give_consistent_totals_that_the_validator_accepts()
    {
        var line = from name in Gen.Elements("Cà phê", "Bánh mì", "Gạo ST25", "Sữa tươi")
                   from qtyMilli in Gen.Choose(1, 20_000)
                   from price in Gen.Choose(0, 2_000_000)
                   from rate in Gen.Elements(Rates)
                   from discountPct in Gen.Choose(0, 100)
                   let qty = qtyMilli / 1000m
                   select new SaleLine(name, "Cái", qty, price, VatRate.Parse(rate), Math.Floor(qty * price * discountPct / 100m));
        var sale = from lines in Gen.NonEmptyListOf(line).Select(l => l.Take(8).ToList())
                   from form in Gen.Elements(1, 2)
                   from discountPct in Gen.Choose(0, 50)
                   from promo in Gen.Elements(true, false)
                   select (form, new Sale
                   {
                       Lines = lines,
                       Discount = discountPct == 0 || SaleCalculator.LineAmount(lines[0]) < 1 ? null
                           : new TradeDiscount("CK", Math.Max(1m, Math.Floor(SaleCalculator.LineAmount(lines[0]) * discountPct / 100m)), lines[0].Rate),
                       Promotions = promo ? [new PromotionLine("Quà", "Cái", 1)] : [],
                   });
        var config = Config.QuickThrowOnFailure.WithMaxTest(150)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20260301UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

        Check.One(config, Prop.ForAll(sale.ToArbitrary(), s =>
        {
            var (form, x) = s;
            var t = SaleCalculator.Compute(x, form);
            var consistent =
                t.LineAmounts.Sum() == t.TotalBeforeTax
                && t.TotalPayable == t.TotalBeforeTax - t.TradeDiscount + t.TotalTax
                && t.TotalTax == t.Rates.Sum(r => r.Tax ?? 0m)
                && (form == 2 || t.Rates.Sum(r => r.Amount) == t.TotalBeforeTax - t.TradeDiscount)
                && t.TotalPayable == decimal.Truncate(t.TotalPayable) && t.TotalPayable >= 0
                && VietnameseAmountInWords.Matches(t.TotalPayableInWords, (long)t.TotalPayable);
            var result = PosFixtures.Validate([InvoiceBuilder.Build(PosFixtures.Config(form: form), x, t, PosFixtures.Record(1, form))]);
            return consistent && result.Findings.Count == 0;
        }));
    }
}

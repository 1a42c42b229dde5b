using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Provider.Pos;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ConformanceKit.Provider.Tests.Pos;

/// <summary>A sale the register accepts is one the 206 can carry: text XML 1.0 allows, the XSD's sizes, n(21,6) amounts.</summary>
public sealed class SaleLimitsTests
{
    private static SaleLine Line(string name = "Cà phê", string unit = "Ly", decimal qty = 1, decimal price = 29_000, string? itemCode = null) =>
        new(name, unit, qty, price, VatRate.Ten, 0m, itemCode);

    private static Sale Of(params SaleLine[] lines) => new() { Lines = lines };

    public static TheoryData<string, Sale> Refused => new()
    {
        { "lines[0].name", Of(Line(name: "Cà\0phê")) },
        { "lines[1].name", Of(Line(), Line(name: "Trà \uD800 đá")) },
        { "lines[0].unit", Of(Line(unit: "Ly\uFFFF")) },
        { "lines[0].unit", Of(Line(unit: "Ly\u001B")) },
        { "lines[0].name", Of(Line(name: new string('a', 501))) },
        { "lines[0].unit", Of(Line(unit: new string('u', 51))) },
        { "lines[0].itemCode", Of(Line(itemCode: new string('c', 51))) },
        { "lines[0].unitPrice", Of(Line(qty: 100_000_000_000m, price: 100_000_000_000m)) },
        { "lines[0].unitPrice", Of(Line(qty: 1e10m, price: 1e20m)) },
        { "lines[0].quantity", Of(Line(qty: 1e20m, price: 1e10m)) },
        { "lines[0].quantity", Of(Line(qty: 1.0000001m)) },
        { "lines[0].unitPrice", Of(Line(price: 0.0000001m)) },
        { "lines", Of(Line(qty: 1, price: 600_000_000_000_000m), Line(qty: 1, price: 600_000_000_000_000m)) },
        { "lines[0]", Of(new SaleLine[] { null! }) },
        { "lines", new Sale { Lines = null! } },
        { "promotions[0]", new Sale { Lines = [Line()], Promotions = [null!] } },
        { "promotions[0].name", new Sale { Lines = [Line()], Promotions = [new PromotionLine("Kẹo\u0007", "Gói", 1)] } },
        { "discount.name", new Sale { Lines = [Line()], Discount = new TradeDiscount("CK\u0000", 1000, VatRate.Ten) } },
        { "buyer.taxCode", new Sale { Lines = [Line()], Buyer = new Buyer("Công ty A", TaxCode: "12345") } },
        { "buyer.taxCode", new Sale { Lines = [Line()], Buyer = new Buyer("Công ty A", TaxCode: "0101234567\n") } },
        { "buyer.name", new Sale { Lines = [Line()], Buyer = new Buyer(new string('n', 101)) } },
        { "buyer.name", new Sale { Lines = [Line()], Buyer = new Buyer(new string('n', 401), TaxCode: "0301521415") } },
        { "buyer.address", new Sale { Lines = [Line()], Buyer = new Buyer("A", new string('d', 401)) } },
        { "buyer.personalId", new Sale { Lines = [Line()], Buyer = new Buyer("A", PersonalId: "0012030045678") } },
        { "buyer.phone", new Sale { Lines = [Line()], Buyer = new Buyer("A", Phone: new string('9', 21)) } },
        { "paymentMethod", new Sale { Lines = [Line()], PaymentMethod = new string('p', 51) } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_the_invoice_cannot_carry_is_refused_before_a_code_is_allocated(string path, Sale sale)
    {
        Assert.NotNull(SaleCalculator.Check(sale)); // the API the register has always had: null = "can be invoiced"
        Assert.Equal(path, SaleCalculator.Find(sale)!.Path);
        var db = PosFixtures.TempDb();
        using var allocator = new CodeAllocator(db);
        Assert.Throws<ArgumentException>(() => new CashRegister(PosFixtures.Config(), allocator).Issue(sale));
        Assert.Empty(allocator.List());
    }

    [Fact]
    public void What_the_format_carries_at_its_limits_is_accepted_and_validates()
    {
        var sale = new Sale
        {
            Lines = [Line(name: new string('a', 500), unit: new string('u', 50), qty: 0.000001m, price: 999_999_999_999_999m, itemCode: new string('c', 50)),
                Line(name: "Tab\tand\r\nnewlines 🍜", qty: 999_999_999m, price: 999.999999m)],
            Buyer = new Buyer(new string('n', 400), new string('d', 400), "0301521415-001", "001203004567", new string('9', 20)),
            PaymentMethod = new string('p', 50),
        };
        Assert.Null(SaleCalculator.Check(sale));
        var totals = SaleCalculator.Compute(sale);
        var result = PosFixtures.Validate([InvoiceBuilder.Build(PosFixtures.Config(), sale, totals, PosFixtures.Record(1))]);
        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
    }

    // Text from every corner of UTF-16 (controls, surrogates, U+FFFE/FFFF) and amounts from 1e-9 to 1e20.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Elements("Cà phê", "Ly", "", " ", "Phở bò 🍜", "a\tb", "x\r\ny"),
        Gen.ArrayOf(Gen.OneOf(Gen.Choose(0, 0x3F), Gen.Choose(0xD7F0, 0xE010), Gen.Choose(0xFFF0, 0xFFFF), Gen.Choose(0x20, 0x1EF9))
                .Select(c => (char)c))
            .Select(cs => new string(cs)),
        Gen.Choose(0, 600).Select(n => new string('x', n)));

    private static readonly Gen<decimal> Amount = from mantissa in Gen.Choose(0, 999_999)
                                                  from exponent in Gen.Choose(-9, 20)
                                                  select exponent >= 0 ? mantissa * Pow(exponent) : mantissa / Pow(-exponent);

    private static decimal Pow(int e) => Enumerable.Repeat(10m, e).Aggregate(1m, (a, b) => a * b);

    [Fact]
    public void Any_sale_the_register_accepts_can_be_written_and_passes_the_schema()
    {
        var line = from name in Text
                   from unit in Text
                   from qty in Amount
                   from price in Amount
                   from code in Gen.OneOf(Gen.Constant<string?>(null), Text.Select(t => (string?)t))
                   select new SaleLine(name, unit, qty, price, VatRate.Ten, 0m, code);
        var sale = from lines in Gen.NonEmptyListOf(line).Select(l => l.Take(4).ToList())
                   from buyerName in Text
                   from address in Text
                   from mst in Gen.Elements<string?>(null, "", "0301521415", "030152141", "0301521415-001", "0301521415\n")
                   from pay in Text
                   from promo in Text
                   select new Sale
                   {
                       Lines = lines, Buyer = new Buyer(buyerName, address, mst), PaymentMethod = pay,
                       Promotions = [new PromotionLine(promo, "Cái", 1)],
                   };
        var config = Config.QuickThrowOnFailure.WithMaxTest(400)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20260314UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        Check.One(config, Prop.ForAll(sale.ToArbitrary(), s =>
        {
            if (SaleCalculator.Check(s) is not null) return true;
            var totals = SaleCalculator.Compute(s);
            var result = PosFixtures.Validate([InvoiceBuilder.Build(PosFixtures.Config(), s, totals, PosFixtures.Record(1))]);
            return result.Findings.All(f => f.Severity != Severity.Error);
        }));
    }
}

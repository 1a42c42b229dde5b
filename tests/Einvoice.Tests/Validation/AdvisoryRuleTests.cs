using ConformanceKit.Einvoice.Validation;
using static ConformanceKit.Einvoice.Tests.Validation.ValidatorFixtures;

namespace ConformanceKit.Einvoice.Tests.Validation;

/// <summary>W001–W004 are warnings: reported, located, and never make a package invalid.</summary>
public class AdvisoryRuleTests
{
    [Fact]
    public void W001_line_amount()
    {
        var package = Package(1);
        package.Invoices[0].Lines[0].Amount += 5000;
        var result = Validate(package);
        var f = Single(result, "W001");
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.EndsWith("/HHDVu[1]/ThTien", f.Path);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void W002_tax_per_rate_as_in_the_real_sample()
    {
        var package = Package(1);
        var invoice = package.Invoices[0];
        invoice.Lines = [new ConformanceKit.Einvoice.Model.InvoiceLine { Kind = 1, ItemName = "Ve SG DN", Unit = "Cái", Quantity = 1, UnitPrice = 1_200_000, Amount = 1_200_000, VatRate = "10%" }];
        invoice.Totals = new ConformanceKit.Einvoice.Model.InvoiceTotals
        {
            RateTotals = [new ConformanceKit.Einvoice.Model.RateTotal { VatRate = "10%", Amount = 1_200_000, Tax = 84000.0m }],
            TotalBeforeTax = 1_200_000, TotalTax = 84000, TotalTradeDiscount = 0, TotalPayable = 1_284_000,
            TotalPayableInWords = "Một triệu hai trăm tám mươi bốn nghìn đồng.",
        };
        var result = Validate(package);
        Assert.Equal("W002", Assert.Single(result.Findings).Code);
        Assert.Equal("120,000", result.Findings[0].Expected);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void W003_totals_do_not_add_up()
    {
        var package = Package(1);
        package.Invoices[0].Totals.TotalPayable += 1000;
        var result = Validate(package);
        Assert.Contains(result.Findings, f => f.Code == "W003" && f.Path!.EndsWith("/TToan/TgTTTBSo"));
        Assert.True(result.IsValid);
    }

    [Fact]
    public void W004_amount_in_words()
    {
        var package = Package(1);
        package.Invoices[0].Totals.TotalPayableInWords = "Một trăm nghìn đồng";
        var f = Single(Validate(package), "W004");
        Assert.Equal(ConformanceKit.Einvoice.Codes.VietnameseAmountInWords.ToWords((long)package.Invoices[0].Totals.TotalPayable!.Value), f.Expected);
    }

    [Fact]
    public void Advisory_checks_can_be_turned_off()
    {
        var package = Package(1);
        package.Invoices[0].Totals.TotalPayableInWords = "Một trăm nghìn đồng";
        var result = MessageValidator.Validate(Serialization.MessageWriter.Write(package), NoSignatures with { Advisory = false });
        Assert.Empty(result.Findings);
    }
}

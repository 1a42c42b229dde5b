using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Checks;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Checks;

/// <summary>Decision 1391 step 1 in one place: each code has one family, and the one read gives the store what it needs.</summary>
public sealed class Step1Tests
{
    [Fact]
    public void Every_step1_code_belongs_to_exactly_one_family_in_the_decisions_order()
    {
        var codes = Step1.Checks.SelectMany(c => c.Codes).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        var expected = new[] { "2001", "2002", "2003", "2004", "3001", "3002", "3003", "4001", "4002", "4003", "4004", "5001", "5002", "6001",
            "7001", "7002", "7003", "7004", "7006", "9001", "9002" };
        Assert.Equal(expected, codes);
        Assert.Equal(["TaxpayerStateCheck", "FormatCheck", "SignatureCheck", "TvanContractCheck", "PackageCountCheck", "CodeCheck", "RelatedInvoiceCheck"],
            Step1.Checks.Select(c => c.GetType().Name));
    }

    [Fact]
    public void A_code_already_stored_is_reported_once_on_its_first_invoice()
    {
        var failures = CodeCheck.AlreadyStored(["A", "B", "A", null], new HashSet<string> { "A" }).ToList();
        var f = Assert.Single(failures);
        Assert.Equal(("7005", 1, "A", "/TDiep/DLieu/HDon[1]/MCCQT"), (f.Code, f.InvoiceIndex!.Value, f.InvoiceCode, f.Path));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_one_read_gives_the_store_what_a_full_model_read_gives(int seed)
    {
        var options = Packages.Options(invoices: 6) with { Seed = seed, SalesInvoiceEvery = 3 };
        var body = Packages.Signed(options, p =>
        {
            p.Invoices[1].Buyer = new Party { Name = "Công ty TNHH An Bình", TaxCode = "0100109106" };
            p.Invoices[2].Buyer = new Party { BuyerPersonName = "Trần Thị Bích" };
            p.Invoices[3].General.RelatedInvoice = new RelatedInvoice
            {
                Kind = 2, RelatedKind = 1, FormNumber = "1", Series = "C25MAA", Number = "12", IssueDate = new DateOnly(2025, 6, 1),
            };
        });
        var read = MessageValidator.Validate(body).Invoices;
        var model = MessageReader.Read<InvoicePackage>(body).Invoices;
        Assert.Equal(model.Count, read.Count);
        for (var i = 0; i < model.Count; i++)
        {
            var m = model[i];
            var r = read[i];
            Assert.Equal((i + 1, m.Code, m.General.FormNumber, m.General.Series, m.General.Number, m.General.IssueDate),
                (r.Index, r.Code, r.FormNumber, r.Series, r.Number, r.IssueDate));
            Assert.Equal((m.Seller.Name, m.Seller.TaxCode, m.Buyer?.Name ?? m.Buyer?.BuyerPersonName, m.Buyer?.TaxCode),
                (r.SellerName, r.SellerTaxCode, r.BuyerName, r.BuyerTaxCode));
            Assert.Equal((m.Totals.TotalBeforeTax, m.Totals.TotalTax, m.Totals.TotalPayable, m.General.Currency),
                (r.TotalBeforeTax, r.TotalTax, r.TotalPayable, r.Currency));
            var rel = m.General.RelatedInvoice;
            Assert.Equal((rel?.Kind, rel?.FormNumber, rel?.Series, rel?.Number, rel?.IssueDate),
                (r.RelationKind, r.RelatedForm, r.RelatedSeries, r.RelatedNumber, r.RelatedIssuedOn));
        }
    }
}

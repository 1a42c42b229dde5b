using ConformanceKit.Einvoice.Validation;
using static ConformanceKit.Einvoice.Tests.Validation.ValidatorFixtures;

namespace ConformanceKit.Einvoice.Tests.Validation;

public class PackageRuleTests
{
    [Fact]
    public void A_generated_package_is_valid_with_no_warnings()
    {
        var result = Validate(Package(20));
        Assert.Empty(result.Findings);
        Assert.Equal(20, result.InvoiceCount);
        Assert.Equal("206", result.MessageType);
    }

    [Fact]
    public void Every_failure_is_listed_not_only_the_first()
    {
        var package = Package(4);
        package.Header.Count = 9;
        package.Invoices[0].General.Series = "C25TAA";
        package.Invoices[1].Lines[0].VatRate = "7%";
        package.Invoices[2].Code = package.Invoices[0].Code; // both VAT invoices: only 7006
        var codes = Validate(package).Findings.Where(f => f.IsError).Select(f => f.Code).Order().ToList();
        Assert.Equal(["3001", "3003", "6001", "7006"], codes);
    }

    [Fact]
    public void A_schema_finding_names_line_column_path_value_and_expectation()
    {
        var package = Package(3);
        package.Invoices[2].Lines[0].VatRate = "7%";
        var f = Single(Validate(package), "3001");
        Assert.Equal("/TDiep/DLieu/HDon[3]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/TSuat", f.Path);
        Assert.Equal("7%", f.Value);
        Assert.Equal(3, f.InvoiceIndex);
        Assert.Equal(package.Invoices[2].Code, f.InvoiceCode);
        Assert.Equal(1, f.Line);
        Assert.True(f.Column > 1);
        Assert.Contains("KKKNT", f.Expected);
    }

    [Fact]
    public void A_missing_mandatory_element_names_what_was_expected()
    {
        var package = Package(2);
        package.Invoices[1].Lines[0].ItemName = null;
        var f = Single(Validate(package), "3001");
        // Reported where the schema noticed: the element standing where THHDVu should be.
        Assert.Equal("/TDiep/DLieu/HDon[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/DVTinh", f.Path);
        Assert.Contains("THHDVu", f.Expected);
    }

    [Fact]
    public void Codes_outside_the_issued_blocks_are_7002_when_the_blocks_are_known()
    {
        var options = NoSignatures with { IssuedCodeBlocks = new HashSet<string> { "ZZZZZ" } };
        var result = MessageValidator.Validate(Serialization.MessageWriter.Write(Package(2)), options);
        Assert.Equal(2, result.Findings.Count(f => f.Code == "7002"));
        Assert.DoesNotContain(Validate(Package(2)).Findings, f => f.Code == "7002");
    }

    [Fact]
    public void A_VAT_invoice_line_without_a_rate_is_a_conditional_field_violation()
    {
        var package = Package(1);
        package.Invoices[0].Lines[0].VatRate = null;
        var f = Single(Validate(package), "3001");
        Assert.Contains("TSuat", f.Message);
        Assert.Equal(1, f.InvoiceIndex);
    }

    [Fact]
    public void The_buyer_MST_check_digit_is_checked()
    {
        var package = Package(1);
        package.Invoices[0].Buyer = new ConformanceKit.Einvoice.Model.Party { TaxCode = "0106322456" };
        Assert.Equal("/TDiep/DLieu/HDon[1]/DLHDon/NDHDon/NMua/MST", Single(Validate(package), "3001").Path);
    }

}

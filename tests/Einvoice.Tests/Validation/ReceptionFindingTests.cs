using System.Text;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Einvoice.Xml;
using static ConformanceKit.Einvoice.Tests.Validation.ValidatorFixtures;

namespace ConformanceKit.Einvoice.Tests.Validation;

/// <summary>Malformed or hostile input: a coded, located finding, never an exception.</summary>
public class ReceptionFindingTests
{
    [Theory]
    [InlineData("", "1001")]
    [InlineData("not xml at all", "1001")]
    [InlineData("<TDiep><TTChung>", "1001")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE TDiep [<!ENTITY x \"y\">]><TDiep/>", "1001")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><TDiep/>", "1001")]
    [InlineData("<Invoice/>", "1003")]
    [InlineData("<TDiep><TTChung><PBan>2.1.0</PBan></TTChung><DLieu/></TDiep>", "1003")]
    public void Bad_input_gets_a_coded_finding(string xml, string code)
    {
        var result = Validate(xml);
        Assert.False(result.IsValid);
        Assert.Contains(result.Findings, f => f.Code == code && f.IsError);
    }

    [Fact]
    public void A_missing_header_element_is_1003_even_though_the_schema_reports_it_at_MTDiep()
    {
        var xml = ValidatorFixtures.Xml(Package()).Replace("<MLTDiep>206</MLTDiep>", "", StringComparison.Ordinal);
        var result = Validate(xml, NoSignatures);
        Assert.Contains(result.Findings, f => f.Code == "1003" && f.Path == "/TDiep/TTChung/MTDiep");
        Assert.DoesNotContain(result.Findings, f => f.Code == "1004");
    }

    [Fact]
    public void A_malformed_MTDiep_is_one_1004_not_one_per_rule()
    {
        var package = Package();
        var xml = ValidatorFixtures.Xml(package).Replace(package.Header.MessageId!, "V0309478306-not-a-uuid", StringComparison.Ordinal);
        var f = Single(Validate(xml, NoSignatures), "1004");
        Assert.Contains("MTDiep is malformed", f.Message);
    }

    [Fact]
    public void Not_well_formed_is_located()
    {
        var result = Validate("<TDiep>\n  <TTChung>\n    <PBan>2.1.0</PBn>\n</TDiep>");
        var f = Single(result, "1001");
        Assert.Equal(3, f.Line);
        Assert.True(f.Column > 0);
    }

    [Fact]
    public void A_DTD_is_refused_by_name()
    {
        var f = Single(Validate("<!DOCTYPE TDiep SYSTEM \"http://example.test/x.dtd\"><TDiep/>"), "1001");
        Assert.Contains("DTD", f.Message);
    }

    [Fact]
    public void Utf16_is_refused()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<TDiep/>")).ToArray();
        Assert.Equal("1001", Assert.Single(MessageValidator.Validate(bytes).Findings).Code);
    }

    [Fact]
    public void Over_two_megabytes_is_1002()
    {
        var result = MessageValidator.Validate(new byte[SafeXml.MaxMessageBytes + 1]);
        Assert.Equal("1002", Assert.Single(result.Findings).Code);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var xml = "<TDiep>" + string.Concat(Enumerable.Repeat("<a>", 5000)) + string.Concat(Enumerable.Repeat("</a>", 5000)) + "</TDiep>";
        Assert.Contains(Validate(xml).Findings, f => f.Code == "1001");
    }

    [Fact]
    public void MTDiep_not_prefixed_by_MNGui_is_1004()
    {
        var xml = ValidatorFixtures.Xml(Package()).Replace("<MTDiep>V0309478306", "<MTDiep>V0301521415", StringComparison.Ordinal);
        var f = Single(Validate(xml), "1004");
        Assert.Equal("/TDiep/TTChung/MTDiep", f.Path);
    }

    [Fact]
    public void A_package_not_addressed_to_TCT_is_1005()
    {
        var package = Package();
        package.Header.ReceiverCode = "V0301521415";
        Assert.Equal("/TDiep/TTChung/MNNhan", Single(Validate(package), "1005").Path);
    }

    [Fact]
    public void An_envelope_MST_with_a_wrong_check_digit_is_reported()
    {
        var package = Package();
        package.Header.TaxCode = "0106324654";
        foreach (var i in package.Invoices) i.Seller.TaxCode = "0106324654";
        var result = Validate(package);
        Assert.Contains(result.Findings, f => f.Code == "3001" && f.Path == "/TDiep/TTChung/MST" && f.Message.Contains("check digit"));
    }

    [Fact]
    public void An_unsupported_message_type_is_a_warning_and_the_envelope_is_still_checked()
    {
        var result = MessageValidator.Validate(File.ReadAllBytes(RepoPaths.RealSample202));
        Assert.True(result.IsValid);
        Assert.Equal("1007", Assert.Single(result.Findings).Code);
        Assert.Equal(2, result.Signatures.Count);
        Assert.All(result.Signatures, s => Assert.True(s.IsValid));
    }
}

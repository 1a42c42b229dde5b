using System.Security.Cryptography.Xml;
using System.Xml;
using ConformanceKit.Einvoice.Signatures;
using static ConformanceKit.Einvoice.Tests.Signatures.SignatureFixtures;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>The real 202 from the authority's test environment: both signatures valid, any change caught.</summary>
public class RealSampleTests
{
    private const string InvoiceRef = "#TS24_2111051448445960106322455";
    private const string CodeRef = "#Id-3fca5333d7894598844aae52ece50271";

    private static (SignatureCheck Seller, SignatureCheck Authority) Verify(string xml)
    {
        var checks = XmlSignatureVerifier.VerifyAll(Load(xml));
        Assert.Equal(2, checks.Count);
        return (checks.Single(c => c.SignatureId == "NBan"), checks.Single(c => c.SignatureId == "Tct-uuid"));
    }

    [Fact]
    public void Both_signatures_of_the_real_sample_verify()
    {
        var (seller, authority) = Verify(RealSampleText());

        Assert.True(seller.IsValid, AllProblems(seller));
        Assert.True(authority.IsValid, AllProblems(authority));
        Assert.True(seller.SignatureValueValid);
        Assert.All(seller.References.Concat(authority.References), r => Assert.True(r.DigestValid));
        Assert.Equal("/TDiep/DLieu/HDon/DSCKS[1]/NBan/Signature", seller.Path);
        Assert.Equal("/TDiep/DLieu/HDon/DSCKS[1]/CQT/Signature", authority.Path);
        Assert.Equal("/TDiep/DLieu/HDon/DLHDon", seller.References[0].ResolvedPath);
        Assert.Equal("/TDiep/DLieu/HDon/MCCQT", authority.References[2].ResolvedPath);
    }

    [Fact]
    public void Signing_times_subjects_and_tax_code_are_read()
    {
        var (seller, authority) = Verify(RealSampleText());

        Assert.Equal(new DateTime(2021, 11, 5, 14, 48, 47), seller.SigningTime);
        Assert.Equal(DateTimeKind.Unspecified, seller.SigningTime!.Value.Kind);
        Assert.Equal(new DateTime(2021, 11, 5, 14, 49, 44), authority.SigningTime);
        Assert.StartsWith("C=VN, S=TP Hồ Chí Minh", seller.SubjectName);
        Assert.Equal("CN=Tổng cục thuế Test 01", authority.SubjectName);
        Assert.Equal("0106324653", XmlSignatureVerifier.CertificateTaxCode(seller.Certificate!));
        Assert.Null(XmlSignatureVerifier.CertificateTaxCode(authority.Certificate!));
    }

    [Fact]
    public void SignedXml_rejects_the_real_sample_that_the_verifier_accepts()
    {
        // Documents why the project has its own verifier (samples/real/README.md).
        var doc = Load(RealSampleText());
        foreach (XmlElement signature in doc.GetElementsByTagName("Signature", Ds))
        {
            var signedXml = new SignedXml(doc);
            signedXml.LoadXml(signature);
            Assert.False(signedXml.CheckSignature());
        }
        Assert.All(XmlSignatureVerifier.VerifyAll(doc), c => Assert.True(c.IsValid, AllProblems(c)));
    }

    [Fact]
    public void A_changed_invoice_line_breaks_both_signatures()
    {
        var (seller, authority) = Verify(ReplaceOnce(RealSampleText(), "<SHDon>14</SHDon>", "<SHDon>15</SHDon>"));

        foreach (var check in new[] { seller, authority })
        {
            Assert.Equal(SignatureStatus.Invalid, check.Status);
            Assert.Contains(check.Problems, p => p.Contains($"reference {InvoiceRef} digest does not match"));
            Assert.False(check.References.Single(r => r.Uri == InvoiceRef).DigestValid);
        }
    }

    [Fact]
    public void A_changed_character_in_invoice_text_breaks_both_signatures()
    {
        var (seller, authority) = Verify(ReplaceOnce(RealSampleText(), "Ve SG DN", "Ve SG DM"));
        Assert.False(seller.IsValid);
        Assert.False(authority.IsValid);
        Assert.Contains(InvoiceRef, AllProblems(seller));
        Assert.Contains(InvoiceRef, AllProblems(authority));
    }

    [Fact]
    public void A_changed_MCCQT_breaks_only_the_authority_signature()
    {
        var (seller, authority) = Verify(ReplaceOnce(RealSampleText(),
            ">00474597512BE94B7BAB367996EF464828<", ">00474597512BE94B7BAB367996EF464829<"));

        Assert.True(seller.IsValid, AllProblems(seller));
        Assert.False(authority.IsValid);
        Assert.Contains(authority.Problems, p => p.Contains($"reference {CodeRef} digest does not match"));
        Assert.True(authority.References.Single(r => r.Uri == InvoiceRef).DigestValid);
    }

    [Fact]
    public void A_changed_seller_signing_time_breaks_only_the_seller_signature()
    {
        var (seller, authority) = Verify(ReplaceOnce(RealSampleText(),
            "<SigningTime>2021-11-05T14:48:47</SigningTime>", "<SigningTime>2021-11-05T14:48:48</SigningTime>"));

        Assert.False(seller.IsValid);
        Assert.Contains("reference #TimeStamp digest does not match", AllProblems(seller));
        Assert.True(authority.IsValid, AllProblems(authority));
    }

    [Fact]
    public void A_changed_authority_signing_time_breaks_the_authority_signature()
    {
        var (seller, authority) = Verify(ReplaceOnce(RealSampleText(),
            "<SigningTime>2021-11-05T14:49:44</SigningTime>", "<SigningTime>2021-11-04T14:49:44</SigningTime>"));

        Assert.True(seller.IsValid, AllProblems(seller));
        Assert.False(authority.IsValid);
        Assert.Contains("reference #SigningTime-17df25b26639432c8e6e1fdca4b08b28 digest does not match", AllProblems(authority));
    }

    [Fact]
    public void A_changed_signature_value_is_reported()
    {
        var (seller, _) = Verify(ReplaceOnce(RealSampleText(), "<SignatureValue>aFERuOgSpr3", "<SignatureValue>bFERuOgSpr3"));

        Assert.False(seller.IsValid);
        Assert.False(seller.SignatureValueValid);
        Assert.Contains("signature value does not verify with the certificate's key", seller.Problems);
        Assert.All(seller.References, r => Assert.True(r.DigestValid));
    }

    [Fact]
    public void A_changed_signed_info_is_reported()
    {
        // Same digest on the line, but SignedInfo itself is what the RSA signature covers.
        var (seller, _) = Verify(ReplaceOnce(RealSampleText(),
            "<Reference Type=\"http://www.w3.org/2000/09/xmldsig#SignatureProperties\" URI=\"#TimeStamp\">",
            "<Reference URI=\"#TimeStamp\">"));
        Assert.False(seller.IsValid);
        Assert.Contains("signature value does not verify with the certificate's key", seller.Problems);
    }

    [Fact]
    public void A_duplicated_signed_Id_is_reported_as_wrapping()
    {
        var doc = Load(RealSampleText());
        var invoice = (XmlElement)doc.GetElementsByTagName("DLHDon")[0]!;
        var emptyList = (XmlElement)doc.GetElementsByTagName("DSCKS")[1]!;
        emptyList.AppendChild(invoice.CloneNode(deep: true));

        var checks = XmlSignatureVerifier.VerifyAll(doc);

        Assert.All(checks, c => Assert.False(c.IsValid));
        Assert.All(checks, c => Assert.Contains(
            "Id 'TS24_2111051448445960106322455' appears on 2 elements (/TDiep/DLieu/HDon/DLHDon, /TDiep/DLieu/HDon/DSCKS[2]/DLHDon): possible signature wrapping",
            c.Problems));
    }

    [Fact]
    public void An_identifier_copied_under_another_attribute_name_still_counts_as_a_duplicate()
    {
        var doc = Load(RealSampleText());
        var decoy = doc.CreateElement("DLHDon");
        decoy.SetAttribute("ID", "Id-3fca5333d7894598844aae52ece50271");
        doc.GetElementsByTagName("DSCKS")[1]!.AppendChild(decoy);

        var authority = XmlSignatureVerifier.VerifyAll(doc).Single(c => c.SignatureId == "Tct-uuid");

        Assert.False(authority.IsValid);
        Assert.Contains("possible signature wrapping", AllProblems(authority));
    }
}

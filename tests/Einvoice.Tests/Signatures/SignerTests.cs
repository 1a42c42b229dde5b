using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using static ConformanceKit.Einvoice.Tests.Signatures.SignatureFixtures;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>What XmlSigner produces: accepted by the verifier and, where no namespaces are inherited, by SignedXml.</summary>
public class SignerTests
{
    private static XmlElement SignatureAt(XmlDocument doc, string xpath) =>
        (XmlElement)doc.SelectSingleNode(xpath, Namespaces(doc))!;

    private static XmlNamespaceManager Namespaces(XmlDocument doc)
    {
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("ds", Ds);
        return ns;
    }

    private static bool SignedXmlAccepts(XmlDocument doc, XmlElement signature, X509Certificate2 cert)
    {
        var signedXml = new SignedXml(doc);
        signedXml.LoadXml(signature);
        return signedXml.CheckSignature(cert, verifySignatureOnly: true);
    }

    [Fact]
    public void A_signed_package_verifies()
    {
        var doc = SignedPackage();

        var check = XmlSignatureVerifier.VerifyPackage(doc);

        Assert.True(check.IsValid, AllProblems(check));
        Assert.Equal("NNT", check.SignatureId);
        Assert.Equal("/TDiep/CKSNNT/Signature", check.Path);
        Assert.Equal(SigningTime, check.SigningTime);
        Assert.Equal(["#DL1", "#NNT-SigningTime"], check.References.Select(r => r.Uri));
        Assert.Equal("/TDiep/DLieu", check.References[0].ResolvedPath);
        Assert.Equal(Seller.Thumbprint, check.Certificate!.Thumbprint);
        Assert.Equal(SellerMst, XmlSignatureVerifier.CertificateTaxCode(check.Certificate));
    }

    [Fact]
    public void The_signature_has_the_shape_real_documents_have()
    {
        var text = Text(SignedPackage());

        Assert.Contains("</DLieu><CKSNNT><Signature Id=\"NNT\" xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>" +
            "<CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\" />", text.Replace("\"/>", "\" />"));
        Assert.Contains("<Reference URI=\"#DL1\"><Transforms><Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"", text);
        Assert.Contains("<Reference Type=\"http://www.w3.org/2000/09/xmldsig#SignatureProperties\" URI=\"#NNT-SigningTime\">", text);
        Assert.Contains("<Object Id=\"NNT-SigningTime\"><SignatureProperties><SignatureProperty Target=\"#NNT\">" +
            "<SigningTime>2025-07-01T09:30:15</SigningTime></SignatureProperty></SignatureProperties></Object></Signature></CKSNNT></TDiep>", text);
        Assert.Contains("<X509SubjectName>CN=Cửa hàng Thử Nghiệm, O=Cửa hàng Thử Nghiệm, OID.0.9.2342.19200300.100.1.1=MST:0106324653, C=VN</X509SubjectName>", text);
    }

    [Fact]
    public void SignedXml_also_accepts_a_signed_package_and_notice()
    {
        var package = SignedPackage();
        Assert.True(SignedXmlAccepts(package, SignatureAt(package, "/TDiep/CKSNNT/ds:Signature"), Seller));

        var notice = SignedNotice();
        Assert.True(SignedXmlAccepts(notice, SignatureAt(notice, "/TDiep/DLieu/TBao/DSCKS/CQT/ds:Signature"), Authority));
    }

    [Fact]
    public void SignedXml_accepts_the_in_memory_document_too()
    {
        var doc = Load(Package206());
        XmlSigner.SignPackage(doc, Seller, SigningTime);

        Assert.True(XmlSignatureVerifier.VerifyPackage(doc).IsValid);
        Assert.True(SignedXmlAccepts(doc, SignatureAt(doc, "/TDiep/CKSNNT/ds:Signature"), Seller));
    }

    [Fact]
    public void A_signature_inside_the_signed_element_is_enveloped_and_both_verifiers_agree()
    {
        var doc = Load(Package206());
        var invoice = (XmlElement)doc.SelectSingleNode("/TDiep/DLieu/HDon/DLHDon")!;
        var holder = (XmlElement)invoice.AppendChild(doc.CreateElement("CKS"))!;
        XmlSigner.Sign(doc, invoice, holder, Seller, SigningTime, "NBan");
        doc = SafeXml.LoadDocument(SafeXml.ToBytes(doc));

        var check = Assert.Single(XmlSignatureVerifier.VerifyAll(doc));
        Assert.True(check.IsValid, AllProblems(check));
        Assert.True(SignedXmlAccepts(doc, SignatureAt(doc, "//ds:Signature"), Seller));
    }

    [Fact]
    public void Inherited_xml_lang_is_part_of_the_digest_for_both_verifiers()
    {
        var doc = Load(Package206().Replace("<TDiep>", "<TDiep xml:lang=\"vi\">"));
        XmlSigner.SignPackage(doc, Seller, SigningTime);
        doc = SafeXml.LoadDocument(SafeXml.ToBytes(doc));

        Assert.True(XmlSignatureVerifier.VerifyPackage(doc).IsValid);
        Assert.True(SignedXmlAccepts(doc, SignatureAt(doc, "/TDiep/CKSNNT/ds:Signature"), Seller));

        ((XmlElement)doc.DocumentElement!).SetAttribute("xml:lang", "en");
        Assert.False(XmlSignatureVerifier.VerifyPackage(doc).IsValid);
    }

    [Fact]
    public void A_signature_in_a_namespaced_context_verifies_like_the_real_documents()
    {
        // HDon declares prefixes as in the real 202: they enter the digests and SignedInfo.
        var doc = Load("<TDiep><DLieu><HDon xmlns:inv=\"http://laphoadon.gdt.gov.vn/2014/09/invoicexml/v1\" xmlns:ds=\"" + Ds + "\">" +
            "<DLHDon Id=\"HD1\"><SHDon>1</SHDon></DLHDon><DSCKS><NBan/></DSCKS></HDon></DLieu></TDiep>");
        var invoice = (XmlElement)doc.SelectSingleNode("//DLHDon")!;
        XmlSigner.Sign(doc, invoice, (XmlElement)doc.SelectSingleNode("//NBan")!, Seller, SigningTime, "NBan");
        doc = SafeXml.LoadDocument(SafeXml.ToBytes(doc));

        var check = Assert.Single(XmlSignatureVerifier.VerifyAll(doc));
        Assert.True(check.IsValid, AllProblems(check));

        var hdon = (XmlElement)doc.SelectSingleNode("//HDon")!;
        hdon.SetAttribute("xmlns:inv", "http://example.com/other");
        Assert.False(Assert.Single(XmlSignatureVerifier.VerifyAll(doc)).IsValid);
    }

    [Fact]
    public void A_package_without_an_Id_gets_a_content_derived_one()
    {
        var first = Load(Package206(dlieuId: null));
        var second = Load(Package206(dlieuId: null));
        XmlSigner.SignPackage(first, Seller, SigningTime);
        XmlSigner.SignPackage(second, Seller, SigningTime);

        var id = ((XmlElement)first.SelectSingleNode("/TDiep/DLieu")!).GetAttribute("Id");
        Assert.Matches("^DL[0-9A-F]{16}$", id);
        Assert.Equal(id, ((XmlElement)second.SelectSingleNode("/TDiep/DLieu")!).GetAttribute("Id"));
        Assert.True(XmlSignatureVerifier.VerifyPackage(first).IsValid);
        // Fixed key, time and content: the whole message is reproducible byte for byte.
        Assert.Equal(Text(first), Text(second));
    }

    [Fact]
    public void A_changed_package_is_invalid()
    {
        var doc = Load(ReplaceOnce(Text(SignedPackage()), "<DGia>25000</DGia>", "<DGia>2500</DGia>"));

        var check = XmlSignatureVerifier.VerifyPackage(doc);

        Assert.Equal(SignatureStatus.Invalid, check.Status);
        Assert.Contains("reference #DL1 digest does not match: the signed content was changed", check.Problems);
    }

    [Fact]
    public void A_package_without_CKSNNT_is_missing_its_signature()
    {
        var doc = SignedPackage();
        doc.DocumentElement!.RemoveChild(doc.SelectSingleNode("/TDiep/CKSNNT")!);

        var check = XmlSignatureVerifier.VerifyPackage(doc);

        Assert.Equal(SignatureStatus.Missing, check.Status);
        Assert.Equal("/TDiep/CKSNNT/Signature", check.Path);
        Assert.False(check.IsValid);
        Assert.Empty(XmlSignatureVerifier.VerifyAll(doc));
    }

    [Fact]
    public void An_empty_CKSNNT_is_missing_its_signature()
    {
        var doc = Load(Package206().Replace("</DLieu>", "</DLieu><CKSNNT/>"));
        Assert.Equal(SignatureStatus.Missing, XmlSignatureVerifier.VerifyPackage(doc).Status);
    }

    [Fact]
    public void Wrapping_with_a_duplicate_Id_is_invalid()
    {
        // The signed DLieu is parked elsewhere; a forged DLieu with the same Id takes its place.
        var doc = SignedPackage();
        var root = doc.DocumentElement!;
        var original = (XmlElement)doc.SelectSingleNode("/TDiep/DLieu")!;
        var forged = (XmlElement)original.CloneNode(deep: true);
        forged.InnerXml = forged.InnerXml.Replace("<DGia>25000</DGia>", "<DGia>1</DGia>");
        var parking = doc.CreateElement("X");
        root.ReplaceChild(forged, original);
        parking.AppendChild(original);
        doc.SelectSingleNode("/TDiep/CKSNNT")!.AppendChild(parking);

        var check = XmlSignatureVerifier.VerifyPackage(doc);

        Assert.False(check.IsValid);
        Assert.Contains("Id 'DL1' appears on 2 elements (/TDiep/DLieu, /TDiep/CKSNNT/X/DLieu): possible signature wrapping", check.Problems);
        Assert.Contains("the signature does not cover /TDiep/DLieu", check.Problems);
    }

    [Fact]
    public void Wrapping_with_renamed_Ids_is_caught_by_the_coverage_rule()
    {
        // The signed DLieu keeps its Id but moves; the DLieu in place has another Id. The digest
        // still matches (so VerifyAll alone says valid): only the coverage rule sees the swap.
        var doc = SignedPackage();
        var root = doc.DocumentElement!;
        var original = (XmlElement)doc.SelectSingleNode("/TDiep/DLieu")!;
        var forged = (XmlElement)original.CloneNode(deep: true);
        forged.SetAttribute("Id", "DL2");
        forged.InnerXml = forged.InnerXml.Replace("<DGia>25000</DGia>", "<DGia>1</DGia>");
        root.ReplaceChild(forged, original);
        var parking = doc.CreateElement("Extra");
        parking.AppendChild(original);
        root.AppendChild(parking);

        Assert.True(Assert.Single(XmlSignatureVerifier.VerifyAll(doc)).IsValid);
        var check = XmlSignatureVerifier.VerifyPackage(doc);

        Assert.False(check.IsValid);
        Assert.Contains("the signature does not cover /TDiep/DLieu", check.Problems);
        Assert.Contains("reference #DL1 resolves to /TDiep/Extra/DLieu, which is neither /TDiep/DLieu nor part of the signature", check.Problems);
    }

    [Fact]
    public void A_second_DLieu_is_refused()
    {
        var doc = SignedPackage();
        doc.DocumentElement!.AppendChild(doc.CreateElement("DLieu"));

        var check = XmlSignatureVerifier.VerifyPackage(doc);

        Assert.False(check.IsValid);
        Assert.Contains("/TDiep has 2 DLieu elements; exactly one is expected", check.Problems);
    }

    [Fact]
    public void A_signed_notice_verifies_and_tampering_is_caught()
    {
        var doc = SignedNotice();
        var check = XmlSignatureVerifier.VerifyNotice(doc);

        Assert.True(check.IsValid, AllProblems(check));
        Assert.Equal("/TDiep/DLieu/TBao/DSCKS/CQT/Signature", check.Path);
        Assert.Equal("CQT", check.SignatureId);
        Assert.Equal("/TDiep/DLieu/TBao/DLTBao", check.References[0].ResolvedPath);
        Assert.Equal(SigningTime, check.SigningTime);

        var tampered = Load(ReplaceOnce(Text(doc), "<LTBao>2</LTBao>", "<LTBao>7</LTBao>"));
        var bad = XmlSignatureVerifier.VerifyNotice(tampered);
        Assert.False(bad.IsValid);
        Assert.Contains("reference #TB1 digest does not match: the signed content was changed", bad.Problems);
    }

    [Fact]
    public void A_notice_is_not_a_package()
    {
        var check = XmlSignatureVerifier.VerifyPackage(SignedNotice());
        Assert.Equal(SignatureStatus.Missing, check.Status);
        Assert.Equal(SignatureStatus.Missing, XmlSignatureVerifier.VerifyNotice(SignedPackage()).Status);
    }

    [Fact]
    public void Signing_refuses_what_it_cannot_sign_safely()
    {
        var doc = Load(Package206());
        var dlieu = (XmlElement)doc.SelectSingleNode("/TDiep/DLieu")!;
        var noId = (XmlElement)doc.SelectSingleNode("/TDiep/TTChung")!;
        var publicOnly = X509CertificateLoader.LoadCertificate(Seller.RawData);

        Assert.Throws<ArgumentException>(() => XmlSigner.Sign(doc, noId, dlieu, Seller, SigningTime, "S"));
        Assert.Throws<ArgumentException>(() => XmlSigner.Sign(doc, dlieu, noId, publicOnly, SigningTime, "S"));
        Assert.Throws<InvalidOperationException>(() => XmlSigner.Sign(doc, dlieu, noId, Seller, SigningTime, "HD1"));

        XmlSigner.SignPackage(doc, Seller, SigningTime);
        Assert.Throws<InvalidOperationException>(() => XmlSigner.SignPackage(doc, Seller, SigningTime));
    }
}

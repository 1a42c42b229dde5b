using System.Xml;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Tests.Model;

/// <summary>The real 202 from the authority's test environment (samples/real).</summary>
public class RealSampleTests
{
    [Fact]
    public void A_202_is_read_as_an_unknown_message_with_its_data_verbatim()
    {
        var bytes = ModelFixtures.RealSampleBytes();
        var message = MessageReader.Read(bytes);

        var unknown = Assert.IsType<UnknownMessage>(message);
        Assert.Equal("202", unknown.Header.MessageType);
        Assert.Equal("TCT", unknown.Header.SenderCode);
        Assert.Equal("TCTB2C5E9AF7DEF49B5BA33411171A2DF30", unknown.Header.MessageId);
        Assert.Equal("V03094783068DD2707F86154E8594A24EFC2BAE1227", unknown.Header.ReplyToId);
        Assert.Equal(1, unknown.Header.Count);
        // TTin has its own DLieu children: the envelope's DLieu closes last.
        var text = ModelFixtures.Utf8(bytes);
        var start = text.IndexOf("<DLieu>", StringComparison.Ordinal) + "<DLieu>".Length;
        Assert.Equal(text[start..text.LastIndexOf("</DLieu>", StringComparison.Ordinal)], unknown.DataXml);
    }

    private static CashRegisterInvoice ReadHDon(byte[] bytes, bool withSource)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes), SafeXml.ReaderSettings());
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "HDon")
            {
                var invoice = withSource ? MessageReader.ReadInvoice(reader, bytes) : MessageReader.ReadInvoice(reader);
                // Left just past </HDon>, on </DLieu>.
                Assert.Equal(XmlNodeType.EndElement, reader.NodeType);
                Assert.Equal("DLieu", reader.LocalName);
                return invoice;
            }
        }
        throw new InvalidOperationException("no HDon");
    }

    [Fact]
    public void Its_HDon_reads_as_an_invoice()
    {
        var invoice = ReadHDon(ModelFixtures.RealSampleBytes(), withSource: true);

        Assert.Equal("TS24_2111051448445960106322455", invoice.InvoiceDataId);
        Assert.Equal(new DateOnly(2021, 11, 5), invoice.General.IssueDate);
        Assert.Equal("C21TCT", invoice.General.Series);
        Assert.Equal("1", invoice.General.FormNumber);
        Assert.Equal("14", invoice.General.Number);
        Assert.Equal("đ", invoice.General.Currency);
        Assert.Equal("0309478306", invoice.General.ProviderTaxCode);
        Assert.Equal(12, invoice.General.ExtraFields!.Count);
        Assert.Equal("", invoice.General.ExtraFields[3].Value);

        Assert.Equal("0106324653", invoice.Seller.TaxCode);
        Assert.Equal("", invoice.Seller.BankAccount);
        Assert.Equal(5, invoice.Seller.ExtraFields!.Count);
        Assert.Equal("CHD", invoice.Buyer!.BuyerPersonName);
        Assert.Equal("", invoice.Buyer.CustomerCode);

        var line = Assert.Single(invoice.Lines);
        Assert.Equal(1, line.Kind);
        Assert.Equal(1200000m, line.Amount);
        Assert.Equal("10%", line.VatRate);

        Assert.Equal(84000m, invoice.Totals.TotalTax);
        var rate = Assert.Single(invoice.Totals.RateTotals!);
        Assert.Equal("84000.0", rate.Tax!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1284000m, invoice.Totals.TotalPayable);
        Assert.Equal("Một triệu hai trăm tám mươi bốn nghìn đồng.", invoice.Totals.TotalPayableInWords);
        Assert.Equal("Chi phí khác", invoice.Totals.OtherFees![0].Name);
        Assert.Empty(invoice.ExtraFields!);

        Assert.Equal("00474597512BE94B7BAB367996EF464828", invoice.Code);
        Assert.Equal("Id-3fca5333d7894598844aae52ece50271", invoice.CodeId);
        Assert.Null(invoice.QrCode);
        Assert.Equal(
            [new NamespaceDeclaration("inv", "http://laphoadon.gdt.gov.vn/2014/09/invoicexml/v1"), new NamespaceDeclaration("ds", "http://www.w3.org/2000/09/xmldsig#")],
            invoice.Namespaces!);
    }

    [Fact]
    public void Its_signatures_are_captured_byte_for_byte_when_the_source_is_given()
    {
        var bytes = ModelFixtures.RealSampleBytes();
        var expected = ModelFixtures.Between(ModelFixtures.Utf8(bytes), "<DSCKS>", "</DSCKS>");

        Assert.Equal(expected, ReadHDon(bytes, withSource: true).SignaturesXml);
        Assert.Equal(expected, ((UnknownMessage)MessageReader.Read(bytes)).DataXml!.Split("<DSCKS>")[1].Split("</DSCKS>")[0]);

        // Without the bytes the reader re-serialises: same infoset, "<a/>" becomes "<a />".
        var reserialised = ReadHDon(bytes, withSource: false).SignaturesXml!;
        Assert.NotEqual(expected, reserialised);
        Assert.Equal(expected, reserialised.Replace(" />", "/>"));
    }

    [Fact]
    public void Byte_slicing_survives_crlf_bom_and_astral_characters()
    {
        const string sig = "<CQT>\r\n  <S a='𝄞'>x&#13;y</S>\r<T/>\n</CQT>";
        var text = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<TDiep>\r\n<TTChung><MLTDiep>204</MLTDiep><MTDiep>𝄞é</MTDiep></TTChung>\r\n" +
                   "<DLieu><TBao><DLTBao Id=\"a\"\r\n x='>'><Ten>Thông báo 𝄞</Ten></DLTBao><DSCKS a=\"1>2\">" + sig + "</DSCKS></TBao></DLieu></TDiep>";
        var notice = MessageReader.Read<DataCheckNotice>(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(sig, notice.SignaturesXml);
        Assert.Equal("Thông báo 𝄞", notice.Title);
    }
}

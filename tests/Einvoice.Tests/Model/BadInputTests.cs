using System.Text;
using System.Xml;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.Einvoice.Tests.Model;

public class BadInputTests
{
    /// <summary>Bad input may only surface as one of the two documented exception types.</summary>
    private static Exception Refused(string xml) => Refused(Encoding.UTF8.GetBytes(xml));

    private static Exception Refused(byte[] bytes)
    {
        var e = Record.Exception(() => MessageReader.Read(bytes));
        Assert.NotNull(e);
        Assert.True(e is MessageFormatException or XmlException, $"unexpected {e.GetType()}: {e.Message}");
        return e;
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<TDiep><TTChung>")]
    [InlineData("<TDiep><TTChung><MLTDiep>999</MLTDiep></TTChung></TDiep><TDiep/>")]
    [InlineData("<?xml version='1.0' encoding='foo'?><TDiep/>")]
    public void Malformed_xml_is_an_XmlException(string xml) => Assert.IsType<XmlException>(Refused(xml));

    [Fact]
    public void Invalid_utf8_is_refused() =>
        Refused([.. "<TDiep><TTChung><PBan>"u8.ToArray(), 0xC3, 0x28, .. "</PBan></TTChung></TDiep>"u8.ToArray()]);

    [Fact]
    public void A_dtd_is_refused()
    {
        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE TDiep [<!ENTITY x \"boom\">]><TDiep><TTChung><MLTDiep>999</MLTDiep><PBan>&x;</PBan></TTChung></TDiep>";
        Assert.IsType<XmlException>(Refused(xml));
    }

    [Theory]
    [InlineData("<Foo/>")]
    [InlineData("<tdiep><TTChung/></tdiep>")]
    public void Wrong_root_is_a_MessageFormatException(string xml)
    {
        var e = Assert.IsType<MessageFormatException>(Refused(xml));
        Assert.Equal(1, e.Line);
        Assert.Contains("TDiep", e.Message);
    }

    [Fact]
    public void Letters_in_the_header_count_say_where()
    {
        var e = Assert.IsType<MessageFormatException>(Refused("<TDiep>\n<TTChung><MLTDiep>206</MLTDiep>\n<SLuong>ba</SLuong></TTChung></TDiep>"));
        Assert.Equal("/TDiep/TTChung/SLuong", e.Path);
        Assert.Equal(3, e.Line);
        Assert.Equal(2, e.Column);
    }

    [Fact]
    public void Letters_in_a_line_quantity_name_the_invoice_and_line()
    {
        var xml = Encoding.UTF8.GetString(MessageWriter.Write(SampleMessages.Package()))
            .Replace("<SLuong>2</SLuong>", "<SLuong>hai</SLuong>");
        var e = Assert.IsType<MessageFormatException>(Refused(xml));
        Assert.Equal("/TDiep/DLieu/HDon[1]/DLHDon/NDHDon/DSHHDVu/HHDVu[2]/SLuong", e.Path);
        Assert.Contains("hai", e.Message);
    }

    [Theory]
    [InlineData("<NLap>2025-06-02</NLap>", "<NLap>02/06/2025</NLap>")]
    [InlineData("<TChat>1</TChat>", "<TChat>99999999999</TChat>")]
    [InlineData("<TgTThue>84000</TgTThue>", "<TgTThue>1e5</TgTThue>")]
    [InlineData("<TgTThue>84000</TgTThue>", "<TgTThue><b>1</b></TgTThue>")]
    public void Values_that_cannot_be_mapped_are_MessageFormatExceptions(string from, string to)
    {
        var xml = Encoding.UTF8.GetString(MessageWriter.Write(SampleMessages.Package()));
        Assert.Contains(from, xml);
        Assert.IsType<MessageFormatException>(Refused(xml.Replace(from, to)));
    }

    [Fact]
    public void Missing_header_or_data_before_header_is_refused()
    {
        Assert.IsType<MessageFormatException>(Refused("<TDiep><DLieu/></TDiep>"));
        Assert.IsType<MessageFormatException>(Refused("<TDiep/>"));
    }

    [Fact]
    public void Empty_numbers_and_missing_data_are_tolerated_as_null()
    {
        var package = MessageReader.Read<InvoicePackage>("<TDiep><TTChung><MLTDiep>206</MLTDiep><SLuong/></TTChung></TDiep>"u8);
        Assert.Null(package.Header.Count);
        Assert.Empty(package.Invoices);
        Assert.Null(package.SellerSignatureXml);
    }

    [Fact]
    public void Reading_as_the_wrong_type_is_a_MessageFormatException()
    {
        var bytes = MessageWriter.Write(SampleMessages.AckOk());
        Assert.Throws<MessageFormatException>(() => MessageReader.Read<DataCheckNotice>(bytes));
    }

    [Fact]
    public void Over_two_megabytes_is_refused()
    {
        var big = new byte[Xml.SafeXml.MaxMessageBytes + 1];
        Assert.Throws<MessageFormatException>(() => MessageReader.Read(big));
        Assert.Throws<MessageFormatException>(() => MessageReader.Read(new MemoryStream(big)));
    }

    [Fact]
    public void ReadInvoice_refuses_a_reader_not_on_an_HDon()
    {
        using var r = XmlReader.Create(new MemoryStream("<NotHDon/>"u8.ToArray()), Xml.SafeXml.ReaderSettings());
        Assert.Throws<MessageFormatException>(() => MessageReader.ReadInvoice(r));
    }
}

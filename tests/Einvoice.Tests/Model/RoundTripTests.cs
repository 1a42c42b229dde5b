using System.Text;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.Einvoice.Tests.Model;

public class RoundTripTests
{
    public static TheoryData<string> MessageNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in SampleMessages.All()) data.Add(name);
        return data;
    }

    private static Message Sample(string name)
    {
        foreach (var (n, m) in SampleMessages.All())
            if (n == name) return m;
        throw new ArgumentException(name);
    }

    /// <summary>write → read → write gives the same bytes, and the read gives back the right type.</summary>
    private static (byte[] First, Message Read) AssertStable(Message message)
    {
        var first = MessageWriter.Write(message);
        var read = MessageReader.Read(first);
        Assert.IsType(message.GetType(), read);
        var second = MessageWriter.Write(read);
        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.Equal(first, second);
        return (first, read);
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Every_message_type_round_trips_byte_for_byte(string name) => AssertStable(Sample(name));

    [Fact]
    public void Output_starts_with_the_upper_case_declaration_and_has_no_bom_or_indentation()
    {
        var bytes = MessageWriter.Write(SampleMessages.AckOk());
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><TDiep><TTChung><PBan>", text);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain("\n", text);
        Assert.Contains("<NNhan>2025-06-02T08:00:01</NNhan><TTTNhan>0</TTTNhan>", text);
        Assert.DoesNotContain("DSLDo", text);
    }

    [Fact]
    public void Stream_overloads_match_the_byte_overloads()
    {
        var bytes = MessageWriter.Write(SampleMessages.Package());
        using var ms = new MemoryStream();
        MessageWriter.Write(SampleMessages.Package(), ms);
        Assert.Equal(bytes, ms.ToArray());
        ms.Position = 0;
        var read = MessageReader.Read<InvoicePackage>(ms);
        Assert.Equal(3, read.Invoices.Count);
    }

    [Fact]
    public void Rich_package_keeps_every_value()
    {
        var (bytes, message) = AssertStable(SampleMessages.Package());
        var p = Assert.IsType<InvoicePackage>(message);
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Equal("206", p.Header.MessageType);
        Assert.Equal(3, p.Header.Count);
        Assert.Equal("data-1", p.DataId);
        Assert.Equal(SampleMessages.SellerSignature, p.SellerSignatureXml);
        Assert.Equal([new NamespaceDeclaration("xsi", "http://www.w3.org/2001/XMLSchema-instance")], p.Namespaces!);
        Assert.Equal(3, p.Invoices.Count);

        var vat = p.Invoices[0];
        Assert.Equal(2, vat.Namespaces!.Count);
        Assert.Equal("inv-1", vat.InvoiceDataId);
        Assert.Equal("00000014", vat.General.Number);
        Assert.Equal(new DateOnly(2025, 6, 2), vat.General.IssueDate);
        Assert.Equal("1.00", vat.General.ExchangeRate!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Cửa hàng A & B <Hà Nội>", vat.Seller.Name);
        Assert.Contains("<Ten>Cửa hàng A &amp; B &lt;Hà Nội&gt;</Ten>", text);
        Assert.Equal("", vat.Seller.BankAccount);
        Assert.NotNull(vat.Seller.ExtraFields);
        Assert.Empty(vat.Seller.ExtraFields!);
        Assert.Equal("Nguyễn Văn Ấn", vat.Buyer!.BuyerPersonName);
        Assert.Equal([1, 2, 3, 4, 5], vat.Lines.Select(l => l.Kind!.Value));
        Assert.Equal("1.5", vat.Lines[0].Quantity!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("<DGia>800000.000000</DGia>", text);
        Assert.Contains("<TThue>84000.0</TThue>", text);
        Assert.Equal(84000.0m, vat.Totals.RateTotals![0].Tax);
        Assert.Equal(1, vat.Totals.RateTotals[0].Tax!.Value.Scale);
        Assert.Equal(2, vat.Lines[4].SpecificInfo!.Count);
        Assert.Null(vat.Lines[1].ExtraFields);
        Assert.Empty(vat.ExtraFields!);
        Assert.Equal("Id-code-1", vat.CodeId);
        Assert.Equal(SampleMessages.InvoiceSignatures, vat.SignaturesXml);

        var sales = p.Invoices[1];
        Assert.Null(sales.Buyer);
        Assert.Null(sales.ExtraFields);
        Assert.Null(sales.General.ExtraFields);
        Assert.Null(sales.Totals.RateTotals);
        Assert.Null(sales.Totals.TotalTax);
        Assert.Equal("", sales.QrCode);
        Assert.Null(sales.SignaturesXml);
        Assert.Null(sales.Lines[1].LineNumber);
        Assert.Null(sales.Lines[1].VatRate);

        var adjustment = p.Invoices[2];
        Assert.Equal(2, adjustment.General.RelatedInvoice!.Kind);
        Assert.Equal(new DateOnly(2025, 6, 1), adjustment.General.RelatedInvoice.ListDate);
        Assert.NotNull(adjustment.Buyer);
        Assert.Equal(-10000m, adjustment.Totals.RateTotals![0].Tax);
        Assert.Equal("", adjustment.SignaturesXml);
        Assert.Null(adjustment.QrCode);
    }

    [Fact]
    public void Header_type_defaults_to_the_class_and_a_contradiction_is_refused()
    {
        var ack = SampleMessages.AckOk();
        ack.Header.MessageType = null;
        Assert.Contains("<MLTDiep>999</MLTDiep>", Encoding.UTF8.GetString(MessageWriter.Write(ack)));

        ack.Header.MessageType = "204";
        Assert.Throws<ArgumentException>(() => MessageWriter.Write(ack));
    }

    [Fact]
    public void Values_with_line_breaks_and_markup_come_back_unchanged()
    {
        var ack = SampleMessages.AckWithReasons();
        const string tricky = "  a\r\nb\rc\td <x> & \"q\" 'a' ]]> ";
        ack.Reasons![0].Description = tricky;
        var read = MessageReader.Read<TechnicalAck>(MessageWriter.Write(ack));
        Assert.Equal(tricky, read.Reasons![0].Description);
    }

    [Fact]
    public void Notice_fields_come_back()
    {
        var failed = MessageReader.Read<DataCheckNotice>(MessageWriter.Write(SampleMessages.DataCheckFailed()));
        Assert.Equal(7, failed.Kind);
        Assert.Equal(3, failed.Errors!.Count);
        Assert.Null(failed.Errors[2].Index);
        Assert.Equal(SampleMessages.AuthoritySignatures, failed.SignaturesXml);

        var decision = MessageReader.Read<RegistrationDecision>(MessageWriter.Write(SampleMessages.Decision()));
        Assert.Equal(["A1B2C", "Z9Y8X"], decision.CodeBlocks!);
        Assert.Null(decision.Reasons);

        var review = MessageReader.Read<ReviewNotice>(MessageWriter.Write(SampleMessages.Review()));
        Assert.Equal(new DateOnly(2025, 7, 20), review.Deadline);
        Assert.Equal(2, review.Invoices[0].Reasons!.Count);

        var registration = MessageReader.Read<Registration>(MessageWriter.Write(SampleMessages.Registration()));
        Assert.Equal(1, registration.InvoiceMethods!.CashRegister);
        Assert.Equal(new DateTime(2027, 2, 6, 8, 7, 21), registration.Certificates![0].ValidTo);
    }

    [Fact]
    public void Unknown_types_keep_their_data_verbatim()
    {
        var unknown = new UnknownMessage
        {
            Header = new MessageHeader { Version = "2.0.1", MessageType = "400", MessageId = "X" },
            DataXml = "<BTHDLieu Id='a'><x/></BTHDLieu>",
        };
        var bytes = MessageWriter.Write(unknown);
        var read = Assert.IsType<UnknownMessage>(MessageReader.Read(bytes));
        Assert.Equal(unknown.DataXml, read.DataXml);
        Assert.Equal(bytes, MessageWriter.Write(read));
    }

    [Fact]
    public void Reader_is_tolerant_of_unknown_elements_order_and_whitespace()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <TDiep>
              <TTChung><MLTDiep>999</MLTDiep><PBan>2.0.1</PBan><Extra><Deep/></Extra></TTChung>
              <!-- comment -->
              <DLieu>
                <TBao>
                  <TTTNhan>1</TTTNhan>
                  <NNhan>2025-06-02T08:00:01.123+07:00</NNhan>
                  <Unknown a="1">text<b/></Unknown>
                  <DSLDo><LDo><MTa>m<!-- c --> t</MTa><MLoi>1001</MLoi></LDo></DSLDo>
                </TBao>
              </DLieu>
            </TDiep>
            """;
        var ack = MessageReader.Read<TechnicalAck>(Encoding.UTF8.GetBytes(xml));
        Assert.Equal("2.0.1", ack.Header.Version);
        Assert.Equal(1, ack.Status);
        Assert.Equal(new DateTime(2025, 6, 2, 8, 0, 1, 123), ack.ReceivedAt);
        Assert.Equal("1001", ack.Reasons![0].Code);
        Assert.Equal("m t", ack.Reasons[0].Description);
        Assert.Null(ack.MessageId);
    }

    [Fact]
    public void Invoice_can_be_written_and_read_on_its_own()
    {
        var ms = new MemoryStream();
        using (var w = System.Xml.XmlWriter.Create(ms, Xml.SafeXml.WriterSettings(omitXmlDeclaration: true)))
            MessageWriter.WriteInvoice(w, SampleMessages.VatInvoice());
        var bytes = ms.ToArray();
        using var r = System.Xml.XmlReader.Create(new MemoryStream(bytes), Xml.SafeXml.ReaderSettings());
        r.MoveToContent();
        var invoice = MessageReader.ReadInvoice(r, bytes);
        Assert.Equal("M1-25-A1B2C-00000000014", invoice.Code);
        Assert.Equal(SampleMessages.InvoiceSignatures, invoice.SignaturesXml);
        Assert.True(r.EOF || r.NodeType == System.Xml.XmlNodeType.None);
    }
}

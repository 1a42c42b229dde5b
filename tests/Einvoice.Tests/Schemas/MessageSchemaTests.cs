using ConformanceKit.Einvoice.Schemas;
using static ConformanceKit.Einvoice.Tests.Schemas.SchemaTestSupport;

namespace ConformanceKit.Einvoice.Tests.Schemas;

public class MessageSchemaTests
{
    public static IEnumerable<object[]> ValidDocs() => SchemaDocs.AllValid();

    private static string Rich => SchemaDocs.Rich206;
    private static System.Xml.Schema.XmlSchemaSet S206 => SchemaCatalog.For("206")!;

    [Theory]
    [MemberData(nameof(ValidDocs))]
    public void Hand_written_document_is_valid(string type, string variant, string xml)
    {
        AssertIsOfType(type, variant, xml);
        AssertValid(SchemaCatalog.For(type)!, xml);
    }

    [Theory]
    [MemberData(nameof(ValidDocs))]
    public void Hand_written_document_passes_the_envelope(string type, string variant, string xml)
    {
        AssertIsOfType(type, variant, xml);
        AssertValid(SchemaCatalog.Envelope, xml);
    }

    [Theory]
    [MemberData(nameof(ValidDocs))]
    public void Document_fails_every_other_type_schema(string type, string variant, string xml)
    {
        AssertIsOfType(type, variant, xml);
        foreach (var other in SchemaCatalog.MessageTypes.Where(t => t != type))
            Assert.NotEmpty(Validate(SchemaCatalog.For(other)!, xml));
    }

    /// <summary>The data row is what it says: its MLTDiep is the type it is filed under, and the variant is named.</summary>
    private static void AssertIsOfType(string type, string variant, string xml)
    {
        Assert.False(string.IsNullOrWhiteSpace(variant));
        Assert.Contains($"<MLTDiep>{type}</MLTDiep>", xml, StringComparison.Ordinal);
    }

    // ---------- 206: targeted invalid documents ----------

    [Fact]
    public void Missing_item_name_THHDVu()
    {
        var xml = ReplaceOnce(Rich, "<THHDVu>Bánh mì</THHDVu>", "");
        AssertInvalid(S206, xml, "'HHDVu'", "invalid child element 'DVTinh'", "THHDVu");
    }

    [Fact]
    public void Missing_item_name_at_end_of_line()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<THHDVu>Cà phê sữa</THHDVu>", "");
        AssertInvalid(S206, xml, "'HHDVu'", "incomplete content", "THHDVu");
    }

    [Fact]
    public void Empty_item_name_is_rejected()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<THHDVu>Cà phê sữa</THHDVu>", "<THHDVu></THHDVu>");
        AssertInvalid(S206, xml, "'THHDVu'", "MinLength");
    }

    [Fact]
    public void Vat_rate_7_percent()
    {
        var xml = ReplaceOnce(Rich, "<TSuat>8%</TSuat></HHDVu>", "<TSuat>7%</TSuat></HHDVu>");
        AssertInvalid(S206, xml, "'TSuat'", "'7%'", "Pattern constraint failed");
    }

    [Theory]
    [InlineData("KHAC:5.25")]
    [InlineData("KHAC:10.00")]
    [InlineData("KKKNT")]
    [InlineData("0%")]
    [InlineData("5%")]
    public void Other_vat_rates_are_accepted(string rate)
    {
        var xml = ReplaceOnce(Rich, "<TSuat>8%</TSuat></HHDVu>", $"<TSuat>{rate}</TSuat></HHDVu>");
        AssertValid(S206, xml);
    }

    [Theory]
    [InlineData("KHAC:5")]
    [InlineData("10")]
    [InlineData("10 %")]
    [InlineData("kct")]
    public void Malformed_vat_rates_are_rejected(string rate)
    {
        var xml = ReplaceOnce(Rich, "<TSuat>8%</TSuat></HHDVu>", $"<TSuat>{rate}</TSuat></HHDVu>");
        AssertInvalid(S206, xml, "'TSuat'");
    }

    [Fact]
    public void Seller_MST_with_9_digits()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<NBan><Ten>Cửa hàng A</Ten><MST>0106324653</MST>", "<NBan><Ten>Cửa hàng A</Ten><MST>010632465</MST>");
        AssertInvalid(S206, xml, "'MST'", "'010632465'", "Pattern constraint failed");
    }

    [Fact]
    public void Envelope_MST_with_9_digits()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<MST>0106324653</MST><SLuong>", "<MST>010632465</MST><SLuong>");
        AssertInvalid(S206, xml, "'MST'", "Pattern constraint failed");
        AssertInvalid(SchemaCatalog.Envelope, xml, "'MST'", "Pattern constraint failed");
    }

    [Fact]
    public void Seller_name_of_401_characters()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<Ten>Cửa hàng A</Ten>", $"<Ten>{new string('Ă', 401)}</Ten>");
        AssertInvalid(S206, xml, "'Ten'", "MaxLength");
        var ok = ReplaceOnce(SchemaDocs.Minimal206, "<Ten>Cửa hàng A</Ten>", $"<Ten>{new string('Ă', 400)}</Ten>");
        AssertValid(S206, ok);
    }

    [Fact]
    public void Wrong_element_order_in_a_line()
    {
        var xml = ReplaceOnce(Rich, "<TChat>1</TChat><STT>1</STT><MHHDVu>SP01</MHHDVu>", "<STT>1</STT><TChat>1</TChat><MHHDVu>SP01</MHHDVu>");
        AssertInvalid(S206, xml, "'HHDVu'", "invalid child element 'STT'");
    }

    [Fact]
    public void Wrong_element_order_in_totals()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206,
            "<TgTTTBSo>33000</TgTTTBSo><TgTTTBChu>Ba mươi ba nghìn đồng</TgTTTBChu>",
            "<TgTTTBChu>Ba mươi ba nghìn đồng</TgTTTBChu><TgTTTBSo>33000</TgTTTBSo>");
        AssertInvalid(S206, xml, "'TToan'", "invalid child element 'TgTTTBChu'");
    }

    [Fact]
    public void Wrong_element_order_in_invoice_header()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<KHMSHDon>1</KHMSHDon><KHHDon>C25MAA</KHHDon>", "<KHHDon>C25MAA</KHHDon><KHMSHDon>1</KHMSHDon>");
        AssertInvalid(S206, xml, "invalid child element 'KHMSHDon'");
    }

    [Fact]
    public void Unknown_element_in_a_line()
    {
        var xml = ReplaceOnce(Rich, "<TSuat>10%</TSuat></HHDVu>", "<TSuat>10%</TSuat><GiaVon>1</GiaVon></HHDVu>");
        AssertInvalid(S206, xml, "'HHDVu'", "invalid child element 'GiaVon'");
    }

    [Fact]
    public void Unknown_element_in_seller()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<DChi>1 Phố Huế, Hà Nội</DChi></NBan>", "<DChi>1 Phố Huế, Hà Nội</DChi><ZaloID>1</ZaloID></NBan>");
        AssertInvalid(S206, xml, "'NBan'", "invalid child element 'ZaloID'");
    }

    [Fact]
    public void Unknown_element_in_the_package()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "</DLieu>", "</DLieu><Extra/>");
        AssertInvalid(S206, xml, "invalid child element 'Extra'");
    }

    [Fact]
    public void Unknown_elements_inside_TTKhac_are_tolerated()
    {
        var xml = ReplaceOnce(Rich, "<TTKhac/>", "<TTKhac><TTin><TTruong>A</TTruong><KDLieu>date</KDLieu><DLieu>2025-07-01</DLieu></TTin><TruongMoi2026><Con>x</Con></TruongMoi2026></TTKhac>");
        AssertValid(S206, xml);
    }

    [Fact]
    public void TTin_inside_TTKhac_is_still_checked()
    {
        var xml = ReplaceOnce(Rich, "<TTKhac/>", "<TTKhac><TTin><TTruong>A</TTruong><KDLieu>text</KDLieu><DLieu>x</DLieu></TTin></TTKhac>");
        AssertInvalid(S206, xml, "'KDLieu'", "'text'");
    }

    [Fact]
    public void Seller_block_accepts_any_order_but_needs_the_mandatory_fields()
    {
        var reordered = ReplaceOnce(SchemaDocs.Minimal206,
            "<NBan><Ten>Cửa hàng A</Ten><MST>0106324653</MST><DChi>1 Phố Huế, Hà Nội</DChi></NBan>",
            "<NBan><MST>0106324653</MST><SDThoai>0241234567</SDThoai><DChi>1 Phố Huế, Hà Nội</DChi><Ten>Cửa hàng A</Ten></NBan>");
        AssertValid(S206, reordered);

        var missing = ReplaceOnce(SchemaDocs.Minimal206, "<DChi>1 Phố Huế, Hà Nội</DChi></NBan>", "</NBan>");
        AssertInvalid(S206, missing, "'NBan'", "incomplete content", "DChi");

        var twice = ReplaceOnce(SchemaDocs.Minimal206, "<DChi>1 Phố Huế, Hà Nội</DChi></NBan>", "<DChi>1 Phố Huế, Hà Nội</DChi><DChi>x</DChi></NBan>");
        AssertInvalid(S206, twice, "'DChi'", "cannot appear more than once");
    }

    [Fact]
    public void Message_type_must_be_206()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<MLTDiep>206</MLTDiep>", "<MLTDiep>203</MLTDiep>");
        AssertInvalid(S206, xml, "'MLTDiep'", "fixed");
    }

    [Fact]
    public void Package_needs_MST_and_SLuong_in_its_header()
    {
        AssertInvalid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<SLuong>1</SLuong>", ""), "'TTChung'", "SLuong");
        AssertInvalid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<MST>0106324653</MST><SLuong>", "<SLuong>"), "'TTChung'", "MST");
    }

    [Fact]
    public void Package_needs_at_least_one_invoice()
    {
        var start = SchemaDocs.Minimal206.IndexOf("<HDon>", StringComparison.Ordinal);
        var end = SchemaDocs.Minimal206.IndexOf("</HDon>", StringComparison.Ordinal) + "</HDon>".Length;
        var xml = SchemaDocs.Minimal206.Remove(start, end - start);
        AssertInvalid(S206, xml, "'DLieu'", "incomplete content", "HDon");
    }

    [Fact]
    public void Missing_package_signature_is_not_a_schema_error()
    {
        // CKSNNT absent: left to the signature check (4001).
        Assert.DoesNotContain("CKSNNT", SchemaDocs.Minimal206);
        AssertValid(S206, SchemaDocs.Minimal206);
        AssertValid(S206, ReplaceOnce(SchemaDocs.Minimal206, "</DLieu>", "</DLieu><CKSNNT/>"));
    }

    [Fact]
    public void Signature_slot_takes_only_an_xmldsig_element()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "</DLieu>", "</DLieu><CKSNNT><Signature/></CKSNNT>");
        AssertInvalid(S206, xml, "'CKSNNT'", "Signature");
        var two = ReplaceOnce(SchemaDocs.Minimal206, "</DLieu>", "</DLieu><CKSNNT>" + SchemaDocs.Sig + SchemaDocs.Sig + "</CKSNNT>");
        AssertInvalid(S206, two, "'CKSNNT'");
    }

    [Theory]
    [InlineData("M1-25-A1B2C-1")]
    [InlineData("00474597512BE94B7BAB367996EF464828")]
    [InlineData("m1-25-a1b2c-00000000001")]
    public void Malformed_cash_register_codes_are_left_to_the_code_checks(string code)
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<MCCQT>M1-25-A1B2C-00000000001</MCCQT>", $"<MCCQT>{code}</MCCQT>");
        AssertValid(S206, xml);
    }

    [Fact]
    public void Empty_or_over_long_MCCQT_is_a_schema_error()
    {
        AssertInvalid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<MCCQT>M1-25-A1B2C-00000000001</MCCQT>", "<MCCQT/>"), "'MCCQT'");
        AssertInvalid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<MCCQT>M1-25-A1B2C-00000000001</MCCQT>", $"<MCCQT>{new string('A', 35)}</MCCQT>"), "'MCCQT'", "MaxLength");
        AssertInvalid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<MCCQT>M1-25-A1B2C-00000000001</MCCQT>", ""), "'HDon'", "MCCQT");
    }

    [Theory]
    [InlineData("2025-07-01+07:00")]
    [InlineData("2025-07-01T10:00:00")]
    [InlineData("01/07/2025")]
    [InlineData("2025-02-30")]
    public void Issue_date_must_be_a_plain_date(string date)
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<NLap>2025-07-01</NLap>", $"<NLap>{date}</NLap>");
        AssertInvalid(S206, xml, "'NLap'");
    }

    [Theory]
    [InlineData("1.1234567")]
    [InlineData("1234567890123456.123456")]
    [InlineData("abc")]
    public void Amounts_are_n21_6(string amount)
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<TgTTTBSo>33000</TgTTTBSo>", $"<TgTTTBSo>{amount}</TgTTTBSo>");
        AssertInvalid(S206, xml, "'TgTTTBSo'");
    }

    [Fact]
    public void Negative_and_21_digit_amounts_are_accepted()
    {
        AssertValid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<TgTTTBSo>33000</TgTTTBSo>", "<TgTTTBSo>-33000</TgTTTBSo>"));
        AssertValid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<TgTTTBSo>33000</TgTTTBSo>", "<TgTTTBSo>123456789012345.123456</TgTTTBSo>"));
    }

    [Fact]
    public void Line_kind_outside_1_to_5_is_rejected()
    {
        AssertInvalid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<TChat>1</TChat>", "<TChat>6</TChat>"), "'TChat'", "Enumeration");
    }

    [Fact]
    public void Series_symbol_must_have_the_documented_shape()
    {
        AssertInvalid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<KHHDon>C25MAA</KHHDon>", "<KHHDon>1C25MAA</KHHDon>"), "'KHHDon'", "Pattern");
        // A non-cash-register kind letter is a semantic finding (3003), not a schema error.
        AssertValid(S206, ReplaceOnce(SchemaDocs.Minimal206, "<KHHDon>C25MAA</KHHDon>", "<KHHDon>C25TAA</KHHDon>"));
    }

    // ---------- other message types ----------

    [Fact]
    public void Response_204_requires_MTDTChieu_and_SLuong_1()
    {
        var s = SchemaCatalog.For("204")!;
        var xml = SchemaDocs.Fill(SchemaDocs.Minimal204);
        AssertInvalid(s, ReplaceOnce(xml, "<MTDTChieu>V03094783060123456789ABCDEF0123456789ABCDEF</MTDTChieu>", ""), "'TTChung'", "MTDTChieu");
        AssertInvalid(s, ReplaceOnce(xml, "<SLuong>1</SLuong></TTChung>", "<SLuong>2</SLuong></TTChung>"), "'SLuong'", "fixed");
    }

    [Fact]
    public void Response_204_requires_the_authority_signature_block_and_Id()
    {
        var s = SchemaCatalog.For("204")!;
        var xml = SchemaDocs.Fill(SchemaDocs.Minimal204);
        AssertInvalid(s, ReplaceOnce(xml, "<DSCKS><CQT>" + SchemaDocs.Sig + "</CQT></DSCKS>", ""), "'TBao'", "DSCKS");
        AssertInvalid(s, ReplaceOnce(xml, "<DLTBao Id=\"TB1\">", "<DLTBao>"), "'Id'");
    }

    [Fact]
    public void Response_204_error_lines_need_code_text_and_action()
    {
        var s = SchemaCatalog.For("204")!;
        var xml = SchemaDocs.Fill(SchemaDocs.Failed204);
        AssertInvalid(s, ReplaceOnce(xml, "<HDXLy>Gửi lại gói dữ liệu</HDXLy>", ""), "'LDo'", "HDXLy");
    }

    [Fact]
    public void Ack_999_needs_receipt_time_and_result()
    {
        var s = SchemaCatalog.For("999")!;
        AssertInvalid(s, ReplaceOnce(SchemaDocs.Minimal999, "<TTTNhan>0</TTTNhan>", "<TTTNhan>2</TTTNhan>"), "'TTTNhan'");
        AssertInvalid(s, ReplaceOnce(SchemaDocs.Minimal999, "<NNhan>2025-07-01T21:00:05</NNhan>", ""), "'TBao'", "NNhan");
        AssertInvalid(s, ReplaceOnce(SchemaDocs.Minimal999, "<NNhan>2025-07-01T21:00:05</NNhan>", "<NNhan>2025-07-01</NNhan>"), "'NNhan'");
    }

    [Fact]
    public void Registration_100_form_header_accepts_any_field_order_and_2025_fields()
    {
        var s = SchemaCatalog.For("100")!;
        var xml = SchemaDocs.Fill(SchemaDocs.Minimal100);
        var reordered = ReplaceOnce(xml, "<NLHe>Nguyễn Văn A</NLHe><DCLHe>1 Phố Huế, Hà Nội</DCLHe><DCTDTu>a@example.test</DCTDTu>",
            "<TNDDPLuat>Nguyễn Văn A</TNDDPLuat><GTinh>1</GTinh><DCLHe>1 Phố Huế, Hà Nội</DCLHe><DCTDTu>a@example.test</DCTDTu><NLHe>Nguyễn Văn A</NLHe>");
        AssertValid(s, reordered);
        AssertInvalid(s, ReplaceOnce(xml, "<CMTMTTien>1</CMTMTTien>", ""), "'HTHDon'", "CMTMTTien");
        AssertInvalid(s, ReplaceOnce(xml, "<HThuc>1</HThuc><TNNT>", "<HThuc>3</HThuc><TNNT>"), "'HThuc'");
    }

    [Fact]
    public void Registration_100_signature_is_left_to_the_signature_check()
    {
        var s = SchemaCatalog.For("100")!;
        var xml = SchemaDocs.Fill(SchemaDocs.Minimal100);
        AssertValid(s, ReplaceOnce(xml, "<DSCKS><NNT>" + SchemaDocs.Sig + "</NNT></DSCKS>", ""));
    }

    [Fact]
    public void Acceptance_103_code_blocks_are_5_characters()
    {
        var s = SchemaCatalog.For("103")!;
        var xml = SchemaDocs.Fill(SchemaDocs.Minimal103);
        AssertInvalid(s, ReplaceOnce(xml, "<MKhoi>A1B2C</MKhoi>", "<MKhoi>A1B2</MKhoi>"), "'MKhoi'", "Pattern");
        AssertInvalid(s, ReplaceOnce(xml, "<TTXNCQT>1</TTXNCQT>", "<TTXNCQT>0</TTXNCQT>"), "'TTXNCQT'");
    }

    [Fact]
    public void Review_302_lists_strict_cash_register_codes()
    {
        var s = SchemaCatalog.For("302")!;
        var xml = SchemaDocs.Fill(SchemaDocs.Minimal302);
        AssertInvalid(s, ReplaceOnce(xml, "<MCCQT>M1-25-A1B2C-00000000123</MCCQT>", "<MCCQT>M1-25-A1B2C-123</MCCQT>"), "'MCCQT'", "Pattern");
    }

    [Fact]
    public void Notice_303_needs_a_known_action()
    {
        var s = SchemaCatalog.For("303")!;
        var xml = SchemaDocs.Fill(SchemaDocs.Minimal303);
        AssertInvalid(s, ReplaceOnce(xml, "<TCTBao>1</TCTBao>", "<TCTBao>5</TCTBao>"), "'TCTBao'");
        AssertInvalid(s, ReplaceOnce(xml, "<LDo>Khách trả hàng</LDo>", ""), "'HDon'", "LDo");
    }

    // ---------- envelope ----------

    [Fact]
    public void Envelope_accepts_any_DLieu_content()
    {
        const string xml = """
            <TDiep><TTChung><PBan>2.0.0</PBan><MNGui>K0106324653</MNGui><MNNhan>TCT</MNNhan><MLTDiep>400</MLTDiep><MTDiep>K01063246530123456789ABCDEF0123456789ABCDEF</MTDiep><MST>0106324653</MST><SLuong>3</SLuong></TTChung>
            <DLieu Id="x" foo="bar">text <BTHDLieu xmlns:q="urn:q"><q:Any a="1">whatever</q:Any><Nested><Deeper/></Nested></BTHDLieu><Other/></DLieu>
            <CKSNNT><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/></CKSNNT><Trailer/></TDiep>
            """;
        AssertValid(SchemaCatalog.Envelope, xml);
    }

    [Fact]
    public void Envelope_rejects_a_header_without_MTDiep()
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<MTDiep>V03094783060123456789ABCDEF0123456789ABCDEF</MTDiep>", "");
        AssertInvalid(SchemaCatalog.Envelope, xml, "'TTChung'", "MTDiep");
    }

    [Theory]
    [InlineData("<MTDiep>V03094783060123456789abcdef0123456789abcdef</MTDiep>", "'MTDiep'")]
    [InlineData("<MTDiep>X03094783060123456789ABCDEF0123456789ABCDEF</MTDiep>", "'MTDiep'")]
    [InlineData("<MTDiep>V0309478306</MTDiep>", "'MTDiep'")]
    public void Envelope_rejects_a_malformed_MTDiep(string element, string fragment)
    {
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<MTDiep>V03094783060123456789ABCDEF0123456789ABCDEF</MTDiep>", element);
        AssertInvalid(SchemaCatalog.Envelope, xml, fragment);
    }

    [Fact]
    public void Envelope_rejects_unknown_header_elements_and_missing_DLieu()
    {
        AssertInvalid(SchemaCatalog.Envelope, ReplaceOnce(SchemaDocs.Minimal206, "<SLuong>1</SLuong>", "<SLuong>1</SLuong><Extra/>"), "'TTChung'", "'Extra'");
        AssertInvalid(SchemaCatalog.Envelope, "<TDiep><TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>TCT</MNNhan><MLTDiep>999</MLTDiep><MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep></TTChung></TDiep>", "'TDiep'", "DLieu");
    }

    [Fact]
    public void Real_202_sample_passes_the_envelope()
    {
        var xml = ReadFixture("TDiep_202_signed_HDon_testenv_2021.xml");
        Assert.Contains("<MLTDiep>202</MLTDiep>", xml);
        AssertValid(SchemaCatalog.Envelope, xml);
        Assert.Null(SchemaCatalog.For("202"));
    }

    [Fact]
    public void Real_invoice_shape_passes_the_206_schema_when_relabelled()
    {
        // The 202 is not a 206, but its HDon shows real element usage (MSTTCGP, DSLPhi, NBan extras,
        // NMua order, LTSuat with TThue before ThTien). Relabelled as a 206 sent by the T-VAN it is
        // valid except for the authority's trailing empty second <DSCKS/>.
        var xml = ReadFixture("TDiep_202_signed_HDon_testenv_2021.xml")
            .Replace("<MLTDiep>202</MLTDiep>", "<MLTDiep>206</MLTDiep>", StringComparison.Ordinal)
            .Replace("<MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan>", "<MNGui>V0309478306</MNGui><MNNhan>TCT</MNNhan>", StringComparison.Ordinal);
        AssertInvalid(S206, xml, "'HDon'", "invalid child element 'DSCKS'");
        AssertValid(S206, ReplaceOnce(xml, "<DSCKS/></HDon>", "</HDon>"));
    }
}

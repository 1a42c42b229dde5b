using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Einvoice.Tests.Model;

/// <summary>One hand-built instance of every modelled message, rich enough to exercise each branch.</summary>
internal static class SampleMessages
{
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";

    // Deliberately not what XmlWriter would produce: "/>" without a space, single quotes,
    // a character reference and a line break — raw capture must keep it byte for byte.
    public const string SellerSignature =
        "<Signature xmlns=\"" + Ds + "\" Id='seller'><SignedInfo><CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>" +
        "<Reference URI=\"#data-1\"><DigestValue>abc+/=</DigestValue></Reference></SignedInfo>" +
        "<SignatureValue>AAAA&#13;\nBBBB</SignatureValue><Object Id=\"SigningTime\"><SignatureProperties><SignatureProperty Target=\"#seller\"><SigningTime>2025-06-02T08:00:00</SigningTime></SignatureProperty></SignatureProperties></Object></Signature>";

    public const string InvoiceSignatures =
        "<NBan/><NMua/><CCKSKhac/><CQT><Signature xmlns=\"" + Ds + "\"><SignedInfo/><SignatureValue>Zm9v</SignatureValue></Signature></CQT>";

    public const string AuthoritySignatures =
        "<CQT><Signature xmlns=\"" + Ds + "\" Id=\"Tct-1\"><SignedInfo/><SignatureValue>YmFy</SignatureValue></Signature></CQT>";

    private static MessageHeader Header(string type, string? replyTo = null, string? mst = "0106324653", int? count = 1) => new()
    {
        Version = "2.1.0",
        SenderCode = type is "206" or "100" or "303" ? "V0309478306" : "TCT",
        ReceiverCode = type is "206" or "100" or "303" ? "TCT" : "V0309478306",
        MessageType = type,
        MessageId = (type is "206" or "100" or "303" ? "V0309478306" : "TCT") + "8DD2707F86154E8594A24EFC2BAE1227",
        ReplyToId = replyTo,
        TaxCode = mst,
        Count = count,
    };

    public static InvoicePackage Package() => new()
    {
        Header = Header("206", count: 3),
        Namespaces = [new("xsi", "http://www.w3.org/2001/XMLSchema-instance")],
        DataId = "data-1",
        Invoices = [VatInvoice(), SalesInvoice(), AdjustmentInvoice()],
        SellerSignatureXml = SellerSignature,
    };

    /// <summary>Form 1, buyer present, one line of every TChat, extra fields present and empty.</summary>
    public static CashRegisterInvoice VatInvoice() => new()
    {
        Namespaces = [new("ds", Ds), new("inv", "http://laphoadon.gdt.gov.vn/2014/09/invoicexml/v1")],
        InvoiceDataId = "inv-1",
        General = new InvoiceHeader
        {
            Version = "2.1.0",
            Name = "Hóa đơn giá trị gia tăng",
            FormNumber = "1",
            Series = "C25MAA",
            Number = "00000014",
            IssueDate = new DateOnly(2025, 6, 2),
            FinanceLease = 0,
            Currency = "VND",
            ExchangeRate = 1.00m,
            PaymentMethod = "TM/CK",
            ProviderTaxCode = "0309478306",
            ExtraFields = [new ExtraField { Field = "PBHThi", DataType = "string", Value = "32" }, new ExtraField { Field = "NCDoi", DataType = "string", Value = "" }],
        },
        Seller = new Party
        {
            Name = "Cửa hàng A & B <Hà Nội>",
            TaxCode = "0106324653",
            Address = "114 phố Đội Cấn, \"Ba Đình\"",
            Phone = "0796424349",
            Email = "a@example.test",
            BankAccount = "",
            BankName = "",
            StoreCode = "CH01",
            StoreName = "Quầy 1",
            ExtraFields = [],
        },
        Buyer = new Party
        {
            Name = "Công ty test",
            TaxCode = "0106322455",
            Address = "285/94B cmt8",
            CustomerCode = "",
            BuyerPersonName = "Nguyễn Văn Ấn",
            PersonalId = "001099000123",
            PassportNumber = "B1234567",
            BudgetUnitCode = "1234567",
            ExtraFields = [new ExtraField { Field = "Fax", DataType = "string", Value = "123231" }],
        },
        Lines =
        [
            new InvoiceLine { Kind = 1, LineNumber = 1, ItemCode = "MH_233", ItemName = "Vé SG–ĐN", Unit = "Cái", Quantity = 1.5m, UnitPrice = 800000.000000m, DiscountRate = 0.0000m, DiscountAmount = 0m, Amount = 1200000.0m, VatRate = "10%", ExtraFields = [new ExtraField { Field = "TThue", DataType = "numeric", Value = "120000" }] },
            new InvoiceLine { Kind = 2, LineNumber = 2, ItemName = "Khuyến mại: nước suối", Unit = "Chai", Quantity = 2m, UnitPrice = 0m, VatRate = "KCT" },
            new InvoiceLine { Kind = 3, LineNumber = 3, ItemName = "Chiết khấu thương mại", Amount = -1200.50m, VatRate = "10%" },
            new InvoiceLine { Kind = 4, LineNumber = 4, ItemName = "Ghi chú: giao trước 10h" },
            new InvoiceLine
            {
                Kind = 5, LineNumber = 5, ItemCode = "XE-01", ItemName = "Xe máy", Unit = "Chiếc", Quantity = 1m, UnitPrice = 30000000m, Amount = 30000000m, VatRate = "8%",
                SpecificInfo = [new SpecificInfo { Kind = "1", Field = "SKhung", Value = "RLHJC123" }, new SpecificInfo { Kind = "1", Field = "SMay", Value = "" }],
            },
        ],
        Totals = new InvoiceTotals
        {
            RateTotals = [new RateTotal { VatRate = "10%", Amount = 1198799.5m, Tax = 84000.0m }, new RateTotal { VatRate = "8%", Amount = 30000000m, Tax = 2400000.000000m }],
            TotalBeforeTax = 31198799.5m,
            NonTaxableDeductions = 0.000001m,
            TotalTax = 84000m,
            OtherFees = [new OtherFee { Name = "Chi phí khác", Amount = 0m }],
            TotalTradeDiscount = 1200.50m,
            OtherDeductions = 0m,
            TotalPayable = 31282799.5m,
            TotalPayableInWords = "Ba mươi mốt triệu hai trăm tám mươi hai nghìn bảy trăm chín mươi chín đồng",
            ExtraFields = [new ExtraField { Field = "TgTTTBCTAnh", DataType = "string", Value = "Thirty-one million…" }],
        },
        ExtraFields = [],
        QrCode = "M1-25-A1B2C-00000000014|0106324653|31282799.5",
        Code = "M1-25-A1B2C-00000000014",
        CodeId = "Id-code-1",
        SignaturesXml = InvoiceSignatures,
    };

    /// <summary>Form 2 sales invoice: no buyer, no tax lines, empty QR, extra fields absent.</summary>
    public static CashRegisterInvoice SalesInvoice() => new()
    {
        InvoiceDataId = "inv-2",
        General = new InvoiceHeader { Version = "2.1.0", Name = "Hóa đơn bán hàng", FormNumber = "2", Series = "C25MBB", Number = "7", IssueDate = new DateOnly(2025, 6, 2), Currency = "VND" },
        Seller = new Party { Name = "Cửa hàng A", TaxCode = "0106324653", Address = "Hà Nội" },
        Lines =
        [
            new InvoiceLine { Kind = 1, LineNumber = 1, ItemName = "Phở bò", Unit = "Bát", Quantity = 2m, UnitPrice = 45000m, DiscountRate = 2.5m, DiscountAmount = 2250m, Amount = 87750m },
            new InvoiceLine { Kind = 1, ItemName = "Trà đá", Unit = "Cốc", Quantity = 0.000001m, UnitPrice = 5000.123456m, Amount = 0.01m },
        ],
        Totals = new InvoiceTotals { TotalPayable = 87750m, TotalPayableInWords = "Tám mươi bảy nghìn bảy trăm năm mươi đồng" },
        QrCode = "",
        Code = "M2-25-A1B2C-00000000007",
    };

    /// <summary>An adjustment of invoice 1: related invoice, list fields, minimal seller.</summary>
    public static CashRegisterInvoice AdjustmentInvoice() => new()
    {
        General = new InvoiceHeader
        {
            Version = "2.1.0", FormNumber = "1", Series = "C25MAA", Number = "15", IssueDate = new DateOnly(2025, 6, 3),
            ListNumber = "BK-01", ListDate = new DateOnly(2025, 6, 3),
            RelatedInvoice = new RelatedInvoice { Kind = 2, RelatedKind = 1, FormNumber = "1", Series = "C25MAA", Number = "14", IssueDate = new DateOnly(2025, 6, 2), Note = "Điều chỉnh giảm", ListNumber = "BK-00", ListDate = new DateOnly(2025, 6, 1) },
            ExtraFields = [],
        },
        Seller = new Party { Name = "Cửa hàng A", TaxCode = "0106324653", Address = "Hà Nội" },
        Buyer = new Party(),
        Lines = [new InvoiceLine { Kind = 1, ItemName = "Điều chỉnh", Unit = "Lần", Quantity = -1m, UnitPrice = 100000m, Amount = -100000m, VatRate = "10%" }],
        Totals = new InvoiceTotals { RateTotals = [new RateTotal { VatRate = "10%", Amount = -100000m, Tax = -10000m }], TotalBeforeTax = -100000m, TotalTax = -10000m, TotalPayable = -110000m, TotalPayableInWords = "Âm một trăm mười nghìn đồng", ExtraFields = [] },
        Code = "M1-25-A1B2C-00000000015",
        SignaturesXml = "",
    };

    public static TechnicalAck AckOk() => new()
    {
        Header = Header("999", replyTo: "V0309478306" + new string('A', 32), mst: null, count: null),
        MessageId = "V0309478306" + new string('A', 32),
        Sender = "V0309478306",
        ReceivedAt = new DateTime(2025, 6, 2, 8, 0, 1),
        Status = 0,
    };

    public static TechnicalAck AckWithReasons() => new()
    {
        Header = Header("999", replyTo: "V0309478306" + new string('B', 32), mst: null, count: null),
        MessageId = "V0309478306" + new string('B', 32),
        OriginalFileId = "F-1",
        Sender = "V0309478306",
        ReceivedAt = new DateTime(2025, 6, 2, 23, 59, 59),
        Status = 1,
        Reasons =
        [
            new Reason { Code = "1003", Description = "Thiếu trường <MST> trong TTChung / header field MST missing" },
            new Reason { Code = "1004", Description = "MTDiep sai định dạng" },
        ],
    };

    public static DataCheckNotice DataCheckValid() => new()
    {
        Header = Header("204", replyTo: "V0309478306" + new string('C', 32)),
        DataId = "TB-1",
        Version = "2.1.0",
        FormNumber = "01/TB-KTDL",
        Title = "Thông báo về việc kết quả kiểm tra dữ liệu hóa đơn điện tử",
        Number = "TB-000001",
        Place = "Hà Nội",
        NoticeDate = new DateOnly(2025, 6, 2),
        TaxCode = "0106324653",
        TaxpayerName = "Cửa hàng A",
        SentAt = new DateTime(2025, 6, 2, 8, 0, 0),
        Kind = 2,
        Basis = "Gói dữ liệu hóa đơn khởi tạo từ máy tính tiền",
        TransactionId = "V0309478306" + new string('C', 32),
        Count = 3,
        SignaturesXml = AuthoritySignatures,
    };

    public static DataCheckNotice DataCheckFailed()
    {
        var n = DataCheckValid();
        n.Kind = 7;
        n.SentAt = null;
        n.Errors =
        [
            new CheckError { Index = 1, Code = "7002", Text = "Khối mã không được cấp / code block not issued", Action = "Kiểm tra khối mã", Note = "HDon[1] M1-25-ZZZZZ-00000000014" },
            new CheckError { Index = 2, Code = "3001", Text = "Sai định dạng", Action = "Sửa dữ liệu", Note = "1:345 /TDiep/DLieu/HDon[2]/DLHDon/TTChung/NLap" },
            new CheckError { Code = "6001", Text = "SLuong khác số hóa đơn", Action = "Gửi lại gói" },
        ];
        return n;
    }

    public static Registration Registration() => new()
    {
        Header = Header("100"),
        DataId = "TK-1",
        Version = "2.1.0",
        FormNumber = "01/ĐKTĐ-HĐĐT",
        Title = "Tờ khai đăng ký/thay đổi thông tin sử dụng hóa đơn điện tử",
        Kind = 1,
        TaxpayerName = "Cửa hàng A",
        TaxCode = "0106324653",
        TaxOfficeName = "Cục Thuế Hà Nội",
        TaxOfficeCode = "10100",
        ContactName = "Nguyễn Thị B",
        ContactAddress = "Hà Nội",
        ContactEmail = "b@example.test",
        ContactPhone = "0900000000",
        Place = "Hà Nội",
        Date = new DateOnly(2025, 5, 30),
        InvoiceMethods = new InvoiceMethodFlags { Coded = 0, CashRegister = 1, NotCoded = 0 },
        Transmission = new TransmissionFlags { DifficultArea = 0, ProvincialList = 0, DirectToAuthority = 0, ViaProvider = 1 },
        TransferMethod = new TransferMethodFlags { FullContent = 1, Summary = 0 },
        FormsUsed = new FormsUsedFlags { VatInvoice = 1, SalesInvoice = 1, PublicAssetSale = 0, NationalReserveSale = 0, Other = 0, Documents = 0 },
        Certificates =
        [
            new CertificateEntry { Index = 1, Issuer = "SAFE-CA", Serial = "540101080A6D8A02E2F22CE98BD7168E", ValidFrom = new DateTime(2025, 1, 5, 8, 7, 21), ValidTo = new DateTime(2027, 2, 6, 8, 7, 21), Action = 1 },
        ],
        SignaturesXml = "<NNT><Signature xmlns=\"" + Ds + "\"><SignedInfo/></Signature></NNT>",
    };

    public static RegistrationReceipt Receipt() => new()
    {
        Header = Header("102", replyTo: "V0309478306" + new string('D', 32)),
        DataId = "TB-102",
        Version = "2.1.0",
        FormNumber = "01/TB-TNĐT",
        Title = "Thông báo về việc tiếp nhận/không tiếp nhận",
        Number = "102-1",
        Place = "Hà Nội",
        NoticeDate = new DateOnly(2025, 5, 30),
        TaxCode = "0106324653",
        TaxpayerName = "Cửa hàng A",
        FormReceived = "01/ĐKTĐ-HĐĐT",
        TransactionId = "V0309478306" + new string('D', 32),
        SentAt = new DateTime(2025, 5, 30, 9, 0, 0),
        Case = 2,
        ReceivedAt = new DateTime(2025, 5, 30, 9, 0, 5),
        Reasons = [new Reason { Code = "1", Description = "Thiếu chữ ký" }],
        SignaturesXml = AuthoritySignatures,
    };

    public static RegistrationDecision Decision() => new()
    {
        Header = Header("103", replyTo: "V0309478306" + new string('D', 32)),
        DataId = "TB-103",
        Version = "2.1.0",
        FormNumber = "01/TB-ĐKĐT",
        Title = "Thông báo về việc chấp nhận/không chấp nhận",
        Number = "103-1",
        Place = "Hà Nội",
        NoticeDate = new DateOnly(2025, 5, 31),
        TaxCode = "0106324653",
        TaxpayerName = "Cửa hàng A",
        TransactionId = "V0309478306" + new string('D', 32),
        SentAt = new DateTime(2025, 5, 30, 9, 0, 0),
        Accepted = 1,
        CodeBlocks = ["A1B2C", "Z9Y8X"],
        EffectiveDate = new DateOnly(2025, 6, 1),
        SignaturesXml = AuthoritySignatures,
    };

    public static ErroneousInvoiceNotice ErroneousNotice() => new()
    {
        Header = Header("303"),
        DataId = "SS-1",
        Version = "2.1.0",
        FormNumber = "04/SS-HĐĐT",
        Title = "Thông báo hóa đơn điện tử có sai sót",
        Kind = 1,
        TaxOfficeCode = "10100",
        TaxOfficeName = "Cục Thuế Hà Nội",
        TaxpayerName = "Cửa hàng A",
        TaxCode = "0106324653",
        Place = "Hà Nội",
        NoticeDate = new DateOnly(2025, 6, 4),
        Invoices =
        [
            new ErroneousInvoice { Index = 1, Code = "M1-25-A1B2C-00000000014", FormNumber = "1", Series = "C25MAA", Number = "14", Date = new DateOnly(2025, 6, 2), InvoiceKind = 1, Action = 1, Reason = "Hủy do nhập sai" },
            new ErroneousInvoice { Index = 2, Code = "M2-25-A1B2C-00000000007", FormNumber = "2", Series = "C25MBB", Number = "7", Date = new DateOnly(2025, 6, 2), InvoiceKind = 1, Action = 4, Reason = "Giải trình" },
        ],
        SignaturesXml = "<NNT/>",
    };

    public static ErroneousInvoiceReply ErroneousReply() => new()
    {
        Header = Header("301", replyTo: "V0309478306" + new string('E', 32)),
        DataId = "HDSS-1",
        Version = "2.1.0",
        FormNumber = "01/TB-HĐSS",
        Title = "Thông báo về việc tiếp nhận và kết quả xử lý hóa đơn điện tử đã lập có sai sót",
        Number = "301-1",
        Place = "Hà Nội",
        NoticeDate = new DateOnly(2025, 6, 4),
        TaxCode = "0106324653",
        TaxpayerName = "Cửa hàng A",
        TransactionId = "V0309478306" + new string('E', 32),
        Invoices =
        [
            new ErroneousInvoiceResult { Index = 1, Code = "M1-25-A1B2C-00000000014", FormNumber = "1", Series = "C25MAA", Number = "14", Date = new DateOnly(2025, 6, 2), InvoiceKind = 1, Action = 1, Accepted = 1 },
            new ErroneousInvoiceResult { Index = 2, Code = "M2-25-A1B2C-00000000007", FormNumber = "2", Series = "C25MBB", Number = "7", Date = new DateOnly(2025, 6, 2), InvoiceKind = 1, Action = 4, Accepted = 2, Reasons = [new Reason { Code = "8006", Description = "Thiếu lý do" }] },
        ],
        SignaturesXml = AuthoritySignatures,
    };

    public static ReviewNotice Review() => new()
    {
        Header = Header("302"),
        DataId = "RS-1",
        Version = "2.1.0",
        FormNumber = "01/TB-RSĐT",
        Title = "Thông báo về hóa đơn điện tử cần rà soát",
        Number = "302-1",
        Place = "Hà Nội",
        NoticeDate = new DateOnly(2025, 7, 10),
        TaxCode = "0106324653",
        TaxpayerName = "Cửa hàng A",
        Deadline = new DateOnly(2025, 7, 20),
        Invoices =
        [
            new ReviewedInvoice { Index = 1, FormNumber = "1", Series = "C25MAA", Number = "14", Code = "M1-25-A1B2C-00000000014", IssueDate = new DateOnly(2025, 6, 2), Reasons = [new Reason { Code = "8003", Description = "Số hóa đơn bị trùng" }, new Reason { Code = "8001", Description = "Ngoài thời gian đăng ký" }] },
        ],
        SignaturesXml = AuthoritySignatures,
    };

    public static IEnumerable<(string Name, Message Message)> All()
    {
        yield return ("206", Package());
        yield return ("999 ok", AckOk());
        yield return ("999 reasons", AckWithReasons());
        yield return ("204 LTBao 2", DataCheckValid());
        yield return ("204 LTBao 7", DataCheckFailed());
        yield return ("100", Registration());
        yield return ("102", Receipt());
        yield return ("103", Decision());
        yield return ("303", ErroneousNotice());
        yield return ("301", ErroneousReply());
        yield return ("302", Review());
    }
}

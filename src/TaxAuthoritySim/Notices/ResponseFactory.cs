using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Authority;
using ConformanceKit.TaxAuthoritySim.Clock;

namespace ConformanceKit.TaxAuthoritySim.Notices;

/// <summary>Builds the authority's responses: the 999 acknowledgement and signed notices (204, 102, 103, 302).</summary>
public sealed class ResponseFactory(AuthorityCertificate authority)
{
    public const string Version = "2.1.0";

    /// <summary>What the 999 answers; fields may be null when the message could not be read.</summary>
    public sealed record AckInput(string? MessageId, string? Sender, DateTimeOffset ReceivedAt, IReadOnlyList<Reason> Reasons);

    public (string Id, byte[] Body) Ack(AckInput input)
    {
        var id = MessageId.New("TCT").Value;
        var ack = new TechnicalAck
        {
            Header = new MessageHeader
            {
                Version = Version,
                SenderCode = "TCT",
                // MNNhan must be a valid code; an unreadable sender gets the ack addressed to nobody in particular.
                ReceiverCode = MessageIdSender(input.Sender) ?? "TCT",
                MessageType = "999",
                MessageId = id,
                ReplyToId = ValidId(input.MessageId),
            },
            MessageId = ValidId(input.MessageId),
            Sender = MessageIdSender(input.Sender),
            ReceivedAt = VietnamTime.Local(input.ReceivedAt),
            Status = input.Reasons.Count == 0 ? 0 : 1,
            Reasons = input.Reasons.Count == 0 ? null : [.. input.Reasons],
        };
        return (id, MessageWriter.Write(ack));
    }

    /// <summary>A signed Form 01/TB-KTDL (204): LTBao 2 when <paramref name="errors"/> is empty, else 7.</summary>
    public (string Id, byte[] Body) DataCheck(DataCheckInput input) =>
        Issue(new DataCheckNotice
        {
            SentAt = VietnamTime.Local(input.At),
            Kind = input.Errors.Count == 0 ? 2 : 7,
            Basis = "Gói dữ liệu hóa đơn điện tử khởi tạo từ máy tính tiền (thông điệp 206)",
            TransactionId = input.ReplyTo,
            Count = input.InvoiceCount,
            Errors = input.Errors.Count == 0 ? null : [.. input.Errors],
        }, input, "204", "TBKTDL", "01/TB-KTDL", "Thông báo về việc kết quả kiểm tra dữ liệu hóa đơn điện tử");

    public sealed record DataCheckInput(
        string ReplyTo, string Receiver, string TaxCode, string TaxpayerName, string Place, string Number,
        DateTimeOffset At, int? InvoiceCount, IReadOnlyList<CheckError> Errors) : INoticeInput;

    /// <summary>A signed Form 01/TB-TNĐT (102): THop 1 received, 2 not received (with reasons).</summary>
    public (string Id, byte[] Body) RegistrationReceipt(RegistrationInput input, DateTimeOffset receivedAt) =>
        Issue(new RegistrationReceipt
        {
            FormReceived = "Tờ khai đăng ký/thay đổi thông tin sử dụng hóa đơn điện tử (Mẫu 01/ĐKTĐ-HĐĐT)",
            TransactionId = input.ReplyTo,
            SentAt = VietnamTime.Local(receivedAt),
            Case = input.Reasons.Count == 0 ? 1 : 2,
            ReceivedAt = VietnamTime.Local(receivedAt),
            Reasons = input.Reasons.Count == 0 ? null : [.. input.Reasons],
        }, input, "102", "TBTNDT", "01/TB-TNĐT",
            "Thông báo về việc tiếp nhận/không tiếp nhận tờ khai đăng ký/thay đổi thông tin sử dụng hóa đơn điện tử");

    /// <summary>A signed Form 01/TB-ĐKĐT (103): TTXNCQT 1 accepted (with the issued code blocks) or 2 not accepted.</summary>
    public (string Id, byte[] Body) RegistrationDecision(RegistrationInput input, DateTimeOffset receivedAt,
        IReadOnlyList<string> codeBlocks, DateOnly? effective) =>
        Issue(new RegistrationDecision
        {
            TransactionId = input.ReplyTo,
            SentAt = VietnamTime.Local(receivedAt),
            Accepted = input.Reasons.Count == 0 ? 1 : 2,
            Reasons = input.Reasons.Count == 0 ? null : [.. input.Reasons],
            CodeBlocks = codeBlocks.Count == 0 ? null : [.. codeBlocks],
            EffectiveDate = input.Reasons.Count == 0 ? effective : null,
        }, input, "103", "TBDKDT", "01/TB-ĐKĐT",
            "Thông báo về việc chấp nhận/không chấp nhận đăng ký/thay đổi thông tin sử dụng hóa đơn điện tử");

    public sealed record RegistrationInput(
        string ReplyTo, string Receiver, string TaxCode, string TaxpayerName, string Place, string Number,
        DateTimeOffset At, IReadOnlyList<Reason> Reasons) : INoticeInput;

    /// <summary>
    /// A signed Form 01/TB-RSĐT (302) of the monthly Step 2: the invoices the taxpayer must explain, each with
    /// its reasons; HGTrinh (deadline to explain) is the notice date + <see cref="ReviewDeadlineDays"/>.
    /// </summary>
    public (string Id, byte[] Body) Review(ReviewInput input) =>
        Issue(new ReviewNotice
        {
            Deadline = VietnamTime.Date(input.At).AddDays(ReviewDeadlineDays),
            Invoices = [.. input.Invoices],
        }, input, "302", "TBRSDT", "01/TB-RSĐT", "Thông báo về hóa đơn điện tử cần rà soát");

    /// <summary>Days the taxpayer has to explain a 302 (HGTrinh = NTBao + this).</summary>
    public const int ReviewDeadlineDays = 10;

    public sealed record ReviewInput(
        string ReplyTo, string Receiver, string TaxCode, string TaxpayerName, string Place, string Number,
        DateTimeOffset At, IReadOnlyList<ReviewedInvoice> Invoices) : INoticeInput;

    /// <summary>
    /// A signed Form 01/TB-HĐSS (301) answering a 303: one HDon per invoice of the 303, TTTNCCQT 1 accepted or 2 not
    /// accepted with its reasons (DSLDKTNhan); MGDDTu is the 303's MTDiep.
    /// </summary>
    public (string Id, byte[] Body) ErroneousReply(ErroneousReplyInput input) =>
        Issue(new ErroneousInvoiceReply
        {
            TransactionId = input.ReplyTo,
            Invoices = [.. input.Invoices],
        }, input, "301", "TBHDSS", "01/TB-HĐSS",
            "Thông báo về việc tiếp nhận và kết quả xử lý về việc hóa đơn điện tử đã lập có sai sót");

    public sealed record ErroneousReplyInput(
        string ReplyTo, string Receiver, string TaxCode, string TaxpayerName, string Place, string Number,
        DateTimeOffset At, IReadOnlyList<ErroneousInvoiceResult> Invoices) : INoticeInput;

    /// <summary>Who a notice answers and goes to, its number, place and time: what every notice form shares.</summary>
    public interface INoticeInput
    {
        string ReplyTo { get; }
        string Receiver { get; }
        string TaxCode { get; }
        string TaxpayerName { get; }
        string Place { get; }
        string Number { get; }
        DateTimeOffset At { get; }
    }

    /// <summary>Fills the fields every notice form shares, writes it and signs it for the authority.</summary>
    private (string Id, byte[] Body) Issue<T>(T notice, INoticeInput input, string type, string dataId, string form, string title)
        where T : NoticeMessage
    {
        var id = MessageId.New("TCT").Value;
        var local = VietnamTime.Local(input.At);
        notice.Header = Header(id, input.Receiver, type, input.ReplyTo, input.TaxCode);
        notice.DataId = dataId;
        notice.Version = Version;
        notice.FormNumber = form;
        notice.Title = title;
        notice.Number = input.Number;
        notice.Place = input.Place;
        notice.NoticeDate = DateOnly.FromDateTime(local);
        notice.TaxCode = input.TaxCode;
        notice.TaxpayerName = input.TaxpayerName;
        return (id, Sign(MessageWriter.Write(notice), local));
    }

    private byte[] Sign(byte[] unsigned, DateTime signingTime)
    {
        var doc = SafeXml.LoadDocument(unsigned);
        XmlSigner.SignNotice(doc, authority.Signer, signingTime);
        return SafeXml.ToBytes(doc);
    }

    private static MessageHeader Header(string id, string receiver, string type, string replyTo, string taxCode) => new()
    {
        Version = Version,
        SenderCode = "TCT",
        ReceiverCode = receiver,
        MessageType = type,
        MessageId = id,
        ReplyToId = replyTo,
        TaxCode = taxCode,
        Count = 1,
    };

    private static string? ValidId(string? id) => MessageId.TryParse(id, out var parsed, out _) ? parsed.Value : null;

    private static string? MessageIdSender(string? sender) => MessageId.IsValidSenderCode(sender) ? sender : null;
}

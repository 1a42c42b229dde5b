using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Samples;

/// <summary>
/// Builds 303 messages (Form 04/SS-HĐĐT for cash-register invoices) about invoices of a 206, seller-signed
/// like a 206 package: the seller's signature in TBao/DSCKS/NNT over TBao/DLTBao.
/// </summary>
public static class SampleErroneousNoticeBuilder
{
    /// <summary>TCTBao — what the seller does about the invoice.</summary>
    public enum Correction
    {
        Cancel = 1,
        Adjust = 2,
        Replace = 3,
        Explain = 4,
    }

    /// <summary>One entry of the notice: an invoice (as it was sent in a 206) and what is done about it.</summary>
    public sealed record Entry(CashRegisterInvoice Invoice, Correction What, string? Reason = "Hóa đơn lập sai thông tin");

    /// <summary>
    /// A 303 of <paramref name="taxCode"/>'s shop about <paramref name="entries"/>, sent by <paramref name="senderCode"/>
    /// (a new MTDiep each time unless <paramref name="messageGuid"/> is given).
    /// </summary>
    public static ErroneousInvoiceNotice Build(IReadOnlyList<Entry> entries, string taxCode = DemoData.TaxCode,
        string sellerName = DemoData.SellerName, string senderCode = DemoData.TvanCode, DateOnly? noticeDate = null,
        Guid? messageGuid = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var date = noticeDate ?? entries.Select(e => e.Invoice.General.IssueDate).Max() ?? new DateOnly(2025, 6, 15);
        return new ErroneousInvoiceNotice
        {
            Header = new MessageHeader
            {
                Version = "2.0.0",
                SenderCode = senderCode,
                ReceiverCode = "TCT",
                MessageType = "303",
                MessageId = MessageId.New(senderCode, messageGuid).Value,
                TaxCode = taxCode,
                Count = 1,
            },
            DataId = "SS",
            Version = "2.0.0",
            FormNumber = "04/SS-HĐĐT",
            Title = "Thông báo hóa đơn điện tử có sai sót",
            Kind = 1,
            TaxOfficeCode = "10100",
            TaxOfficeName = "Cục Thuế Thành phố Hà Nội",
            TaxpayerName = sellerName,
            TaxCode = taxCode,
            Place = "Hà Nội",
            NoticeDate = date,
            Invoices =
            [
                .. entries.Select((e, i) => new ErroneousInvoice
                {
                    Index = i + 1,
                    Code = e.Invoice.Code,
                    FormNumber = e.Invoice.General.FormNumber,
                    Series = e.Invoice.General.Series,
                    Number = e.Invoice.General.Number,
                    Date = e.Invoice.General.IssueDate,
                    InvoiceKind = 1,
                    Action = (int)e.What,
                    Reason = e.Reason,
                }),
            ],
        };
    }

    /// <summary>Signs 303 bytes (seller signature in TBao/DSCKS/NNT over DLTBao and its SigningTime).</summary>
    public static byte[] Sign(byte[] notice, X509Certificate2 certificate, DateTime signingTime)
    {
        var doc = SafeXml.LoadDocument(notice);
        XmlSigner.SignErroneousNotice(doc, certificate, signingTime);
        return SafeXml.ToBytes(doc);
    }

    /// <summary>Builds, writes and signs a 303.</summary>
    public static byte[] BuildSigned(IReadOnlyList<Entry> entries, X509Certificate2 certificate, DateTime signingTime,
        string taxCode = DemoData.TaxCode) =>
        Sign(MessageWriter.Write(Build(entries, taxCode)), certificate, signingTime);
}

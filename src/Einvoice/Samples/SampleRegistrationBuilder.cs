using System.Security.Cryptography.X509Certificates;
using System.Xml;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Samples;

/// <summary>
/// Registrations (100, Form 01/ĐKTĐ-HĐĐT) choosing cash-register invoices, for samples and tests:
/// the simulator answers a valid one with a 102 and a 103 that issues a code block.
/// </summary>
public static class SampleRegistrationBuilder
{
    /// <param name="cashRegister">HTHDon/CMTMTTien: 1 chooses invoices generated from a cash register.</param>
    public static Registration Build(string taxCode, string senderCode = DemoData.TvanCode, int cashRegister = 1) => new()
    {
        Header = new MessageHeader
        {
            Version = "2.1.0", SenderCode = senderCode, ReceiverCode = "TCT", MessageType = "100",
            MessageId = MessageId.New(senderCode).Value, TaxCode = taxCode, Count = 1,
        },
        DataId = "TKhai-1",
        Version = "2.1.0",
        FormNumber = "01/ĐKTĐ-HĐĐT",
        Title = "Tờ khai đăng ký/thay đổi thông tin sử dụng hóa đơn điện tử",
        Kind = 1,
        TaxpayerName = "Siêu thị B",
        TaxCode = taxCode,
        TaxOfficeName = "Cục Thuế TP Hồ Chí Minh",
        TaxOfficeCode = "79100",
        ContactName = "Trần Văn C",
        ContactAddress = "12 Lê Lợi, Quận 1",
        ContactEmail = "c@example.test",
        ContactPhone = "0900000001",
        Place = "TP Hồ Chí Minh",
        Date = new DateOnly(2025, 6, 10),
        InvoiceMethods = new InvoiceMethodFlags { Coded = 0, CashRegister = cashRegister, NotCoded = 0 },
        Transmission = new TransmissionFlags { DifficultArea = 0, ProvincialList = 0, DirectToAuthority = 0, ViaProvider = 1 },
        TransferMethod = new TransferMethodFlags { FullContent = 1, Summary = 0 },
        FormsUsed = new FormsUsedFlags { VatInvoice = 1, SalesInvoice = 1, PublicAssetSale = 0, NationalReserveSale = 0, Other = 0, Documents = 0 },
        Certificates =
        [
            new CertificateEntry { Index = 1, Issuer = "ConformanceKit test CA", Serial = "540101080A6D8A02E2F22CE98BD7168E",
                ValidFrom = new DateTime(2024, 1, 1), ValidTo = new DateTime(2030, 12, 31), Action = 1 },
        ],
        SignaturesXml = "<NNT></NNT>",
    };

    /// <summary>The form as bytes, signed by the taxpayer (TKhai/DSCKS/NNT over DLTKhai) unless <paramref name="certificate"/> is null.</summary>
    public static byte[] Write(Registration form, X509Certificate2? certificate, DateTime? signingTime = null)
    {
        var bytes = MessageWriter.Write(form);
        if (certificate is null) return bytes;
        var doc = SafeXml.LoadDocument(bytes);
        var target = (XmlElement)doc.SelectSingleNode("/TDiep/DLieu/TKhai/DLTKhai")!;
        var holder = (XmlElement)doc.SelectSingleNode("/TDiep/DLieu/TKhai/DSCKS/NNT")!;
        XmlSigner.Sign(doc, target, holder, certificate, signingTime ?? new DateTime(2025, 6, 10, 9, 0, 0), "NNT");
        return SafeXml.ToBytes(doc);
    }

    /// <summary>A signed registration for <paramref name="taxCode"/> with a test certificate naming that MST.</summary>
    public static byte[] BuildSigned(string taxCode, int cashRegister = 1) =>
        Write(Build(taxCode, cashRegister: cashRegister), SamplePackageBuilder.CreateCertificate(taxCode));
}

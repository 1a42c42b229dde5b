using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Einvoice.Serialization;

// 999, the DLTBao notices and the 100 registration, in formats.md order.
public static partial class MessageWriter
{
    private static void WriteTechnicalAck(WriteContext c, TechnicalAck m)
    {
        c.Start("DLieu");
        c.Start("TBao");
        c.Text("MTDiep", m.MessageId);
        c.Text("MHSGoc", m.OriginalFileId);
        c.Text("MNGui", m.Sender);
        c.DateTime("NNhan", m.ReceivedAt);
        c.Int("TTTNhan", m.Status);
        c.Reasons("DSLDo", m.Reasons);
        c.End();
        c.End();
    }

    /// <summary>DLieu{TBao{DLTBao[@Id]{…}, DSCKS}}; <paramref name="body"/> writes DLTBao's children.</summary>
    private static void WriteNotice<T>(WriteContext c, T m, Action<WriteContext, T> body) where T : NoticeMessage
    {
        c.Start("DLieu");
        c.Start("TBao");
        c.Start("DLTBao");
        c.Attribute("Id", m.DataId);
        body(c, m);
        c.End();
        c.Raw("DSCKS", m.SignaturesXml);
        c.End();
        c.End();
    }

    /// <summary>PBan, MSo, Ten, So, DDanh, NTBao, MST, TNNT — the opening most forms share.</summary>
    private static void WriteCommonNotice(WriteContext c, NoticeMessage m)
    {
        c.Text("PBan", m.Version);
        c.Text("MSo", m.FormNumber);
        c.Text("Ten", m.Title);
        c.Text("So", m.Number);
        c.Text("DDanh", m.Place);
        c.Date("NTBao", m.NoticeDate);
        c.Text("MST", m.TaxCode);
        c.Text("TNNT", m.TaxpayerName);
    }

    private static void WriteDataCheck(WriteContext c, DataCheckNotice m)
    {
        WriteCommonNotice(c, m);
        c.DateTime("TGGui", m.SentAt);
        c.Int("LTBao", m.Kind);
        c.Text("CCu", m.Basis);
        c.Text("MGDDTu", m.TransactionId);
        c.Int("SLuong", m.Count);
        if (m.Errors is { } errors)
        {
            c.Start("LHDMTTien");
            c.Start("DSLDo");
            foreach (var e in errors)
            {
                c.Start("LDo");
                c.Int("STT", e.Index);
                c.Text("MLoi", e.Code);
                c.Text("MTLoi", e.Text);
                c.Text("HDXLy", e.Action);
                c.Text("GChu", e.Note);
                c.End();
            }
            c.End();
            c.End();
        }
    }

    private static void WriteReceipt(WriteContext c, RegistrationReceipt m)
    {
        WriteCommonNotice(c, m);
        c.Text("TTKhai", m.FormReceived);
        c.Text("MGDDTu", m.TransactionId);
        c.DateTime("TGGui", m.SentAt);
        c.Int("THop", m.Case);
        c.DateTime("TGNhan", m.ReceivedAt);
        c.Reasons("DSLDKCNhan", m.Reasons);
    }

    private static void WriteDecision(WriteContext c, RegistrationDecision m)
    {
        WriteCommonNotice(c, m);
        c.Text("MGDDTu", m.TransactionId);
        c.DateTime("TGGui", m.SentAt);
        c.Int("TTXNCQT", m.Accepted);
        c.Reasons("DSLDKCNhan", m.Reasons);
        if (m.CodeBlocks is { } blocks)
        {
            c.Start("DSMKhoi");
            foreach (var b in blocks) c.Text("MKhoi", b);
            c.End();
        }
        c.Date("HLuc", m.EffectiveDate);
    }

    // 04/SS-HĐĐT has its own order (formats.md), not the shared opening.
    private static void WriteErroneousNotice(WriteContext c, ErroneousInvoiceNotice m)
    {
        c.Text("PBan", m.Version);
        c.Text("MSo", m.FormNumber);
        c.Text("Ten", m.Title);
        c.Int("Loai", m.Kind);
        c.Text("So", m.Number);
        c.Date("NTBCCQT", m.AuthorityNoticeDate);
        c.Text("MCQT", m.TaxOfficeCode);
        c.Text("TCQT", m.TaxOfficeName);
        c.Text("TNNT", m.TaxpayerName);
        c.Text("MST", m.TaxCode);
        c.Text("DDanh", m.Place);
        c.Date("NTBao", m.NoticeDate);
        c.Start("DSHDon");
        foreach (var i in m.Invoices)
        {
            c.Start("HDon");
            WriteErroneousInvoiceFields(c, i);
            c.Text("LDo", i.Reason);
            c.End();
        }
        c.End();
    }

    private static void WriteErroneousInvoiceFields(WriteContext c, ErroneousInvoiceBase i)
    {
        c.Int("STT", i.Index);
        c.Text("MCCQT", i.Code);
        c.Text("KHMSHDon", i.FormNumber);
        c.Text("KHHDon", i.Series);
        c.Text("SHDon", i.Number);
        c.Date("Ngay", i.Date);
        c.Int("LADHDDT", i.InvoiceKind);
        c.Int("TCTBao", i.Action);
    }

    private static void WriteErroneousReply(WriteContext c, ErroneousInvoiceReply m)
    {
        WriteCommonNotice(c, m);
        c.Text("MGDDTu", m.TransactionId);
        c.Start("DSHDon");
        foreach (var i in m.Invoices)
        {
            c.Start("HDon");
            WriteErroneousInvoiceFields(c, i);
            c.Int("TTTNCCQT", i.Accepted);
            c.Reasons("DSLDKTNhan", i.Reasons);
            c.End();
        }
        c.End();
    }

    private static void WriteReview(WriteContext c, ReviewNotice m)
    {
        WriteCommonNotice(c, m);
        c.Date("HGTrinh", m.Deadline);
        c.Start("DSHDon");
        foreach (var i in m.Invoices)
        {
            c.Start("HDon");
            c.Int("STT", i.Index);
            c.Text("KHMSHDon", i.FormNumber);
            c.Text("KHHDon", i.Series);
            c.Text("SHDon", i.Number);
            c.Text("MCCQT", i.Code);
            c.Date("NLap", i.IssueDate);
            c.Reasons("DSLDo", i.Reasons);
            c.End();
        }
        c.End();
    }

    private static void WriteRegistration(WriteContext c, Registration m)
    {
        c.Start("DLieu");
        c.Start("TKhai");
        c.Start("DLTKhai");
        c.Attribute("Id", m.DataId);
        c.Start("TTChung");
        c.Text("PBan", m.Version);
        c.Text("MSo", m.FormNumber);
        c.Text("Ten", m.Title);
        c.Int("HThuc", m.Kind);
        c.Text("TNNT", m.TaxpayerName);
        c.Text("MST", m.TaxCode);
        c.Text("CQTQLy", m.TaxOfficeName);
        c.Text("MCQTQLy", m.TaxOfficeCode);
        c.Text("NLHe", m.ContactName);
        c.Text("DCLHe", m.ContactAddress);
        c.Text("DCTDTu", m.ContactEmail);
        c.Text("DTLHe", m.ContactPhone);
        c.Text("DDanh", m.Place);
        c.Date("NLap", m.Date);
        c.End();
        c.Start("NDTKhai");
        if (m.InvoiceMethods is { } im)
        {
            c.Start("HTHDon");
            c.Int("CMa", im.Coded);
            c.Int("CMTMTTien", im.CashRegister);
            c.Int("KCMa", im.NotCoded);
            c.End();
        }
        if (m.Transmission is { } t)
        {
            c.Start("HTGDLHDDT");
            c.Int("NNTDBKKhan", t.DifficultArea);
            c.Int("NNTKTDNUBND", t.ProvincialList);
            c.Int("CDLTTDCQT", t.DirectToAuthority);
            c.Int("CDLQTCTN", t.ViaProvider);
            c.End();
        }
        if (m.TransferMethod is { } pt)
        {
            c.Start("PThuc");
            c.Int("CDDu", pt.FullContent);
            c.Int("CBTHop", pt.Summary);
            c.End();
        }
        if (m.FormsUsed is { } f)
        {
            c.Start("LHDSDung");
            c.Int("HDGTGT", f.VatInvoice);
            c.Int("HDBHang", f.SalesInvoice);
            c.Int("HDBTSCong", f.PublicAssetSale);
            c.Int("HDBHDTQGia", f.NationalReserveSale);
            c.Int("HDKhac", f.Other);
            c.Int("CTu", f.Documents);
            c.End();
        }
        if (m.Certificates is { } certs)
        {
            c.Start("DSCTSSDung");
            foreach (var e in certs)
            {
                c.Start("CTS");
                c.Int("STT", e.Index);
                c.Text("TTChuc", e.Issuer);
                c.Text("Seri", e.Serial);
                c.DateTime("TNgay", e.ValidFrom);
                c.DateTime("DNgay", e.ValidTo);
                c.Int("HThuc", e.Action);
                c.End();
            }
            c.End();
        }
        c.End();
        c.End();
        c.Raw("DSCKS", m.SignaturesXml);
        c.End();
        c.End();
    }
}

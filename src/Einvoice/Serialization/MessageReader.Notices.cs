using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Einvoice.Serialization;

// 999, the DLTBao notices (204, 102, 103, 303, 301, 302) and the 100 registration.
public static partial class MessageReader
{
    private static TechnicalAck ReadTechnicalAck(ReadContext c)
    {
        var ack = new TechnicalAck();
        if (!c.Enter()) return ack;
        while (c.Next())
        {
            if (c.Name != "TBao") { c.Skip(); continue; }
            if (!c.Enter()) continue;
            while (c.Next())
            {
                switch (c.Name)
                {
                    case "MTDiep": ack.MessageId = c.Text(); break;
                    case "MHSGoc": ack.OriginalFileId = c.Text(); break;
                    case "MNGui": ack.Sender = c.Text(); break;
                    case "NNhan": ack.ReceivedAt = c.DateTime(); break;
                    case "TTTNhan": ack.Status = c.Int(); break;
                    case "DSLDo": ack.Reasons = ReadReasons(c); break;
                    default: c.Skip(); break;
                }
            }
        }
        return ack;
    }

    /// <summary>DLieu{TBao{DLTBao[@Id]{…}, DSCKS}}: shared fields here, form-specific ones via <paramref name="field"/>.</summary>
    private static T ReadNotice<T>(ReadContext c, T m, Func<ReadContext, T, bool> field) where T : NoticeMessage
    {
        if (!c.Enter()) return m;
        while (c.Next())
        {
            if (c.Name != "TBao") { c.Skip(); continue; }
            if (!c.Enter()) continue;
            while (c.Next())
            {
                switch (c.Name)
                {
                    case "DLTBao":
                        m.DataId = c.Attribute("Id");
                        if (!c.Enter()) break;
                        while (c.Next())
                        {
                            if (!CommonNoticeField(c, m) && !field(c, m)) c.Skip();
                        }
                        break;
                    case "DSCKS": m.SignaturesXml = c.Raw(); break;
                    default: c.Skip(); break;
                }
            }
        }
        return m;
    }

    private static bool CommonNoticeField(ReadContext c, NoticeMessage m)
    {
        switch (c.Name)
        {
            case "PBan": m.Version = c.Text(); return true;
            case "MSo": m.FormNumber = c.Text(); return true;
            case "Ten": m.Title = c.Text(); return true;
            case "So": m.Number = c.Text(); return true;
            case "DDanh": m.Place = c.Text(); return true;
            case "NTBao": m.NoticeDate = c.Date(); return true;
            case "MST": m.TaxCode = c.Text(); return true;
            case "TNNT": m.TaxpayerName = c.Text(); return true;
            default: return false;
        }
    }

    private static bool DataCheckField(ReadContext c, DataCheckNotice m)
    {
        switch (c.Name)
        {
            case "TGGui": m.SentAt = c.DateTime(); return true;
            case "LTBao": m.Kind = c.Int(); return true;
            case "CCu": m.Basis = c.Text(); return true;
            case "MGDDTu": m.TransactionId = c.Text(); return true;
            case "SLuong": m.Count = c.Int(); return true;
            case "LHDMTTien": m.Errors = ReadCheckErrors(c); return true;
            default: return false;
        }
    }

    /// <summary>LHDMTTien{DSLDo{LDo × n}}.</summary>
    private static List<CheckError> ReadCheckErrors(ReadContext c)
    {
        var list = new List<CheckError>();
        if (!c.Enter()) return list;
        while (c.Next())
        {
            if (c.Name != "DSLDo") { c.Skip(); continue; }
            if (!c.Enter()) continue;
            while (c.Next())
            {
                if (c.Name != "LDo") { c.Skip(); continue; }
                var e = new CheckError();
                if (c.Enter(list.Count + 1))
                {
                    while (c.Next())
                    {
                        switch (c.Name)
                        {
                            case "STT": e.Index = c.Int(); break;
                            case "MLoi": e.Code = c.Text(); break;
                            case "MTLoi": e.Text = c.Text(); break;
                            case "HDXLy": e.Action = c.Text(); break;
                            case "GChu": e.Note = c.Text(); break;
                            default: c.Skip(); break;
                        }
                    }
                }
                list.Add(e);
            }
        }
        return list;
    }

    private static bool ReceiptField(ReadContext c, RegistrationReceipt m)
    {
        switch (c.Name)
        {
            case "TTKhai": m.FormReceived = c.Text(); return true;
            case "MGDDTu": m.TransactionId = c.Text(); return true;
            case "TGGui": m.SentAt = c.DateTime(); return true;
            case "THop": m.Case = c.Int(); return true;
            case "TGNhan": m.ReceivedAt = c.DateTime(); return true;
            case "DSLDKCNhan": m.Reasons = ReadReasons(c); return true;
            default: return false;
        }
    }

    private static bool DecisionField(ReadContext c, RegistrationDecision m)
    {
        switch (c.Name)
        {
            case "MGDDTu": m.TransactionId = c.Text(); return true;
            case "TGGui": m.SentAt = c.DateTime(); return true;
            case "TTXNCQT": m.Accepted = c.Int(); return true;
            case "DSLDKCNhan": m.Reasons = ReadReasons(c); return true;
            case "DSMKhoi": m.CodeBlocks = ReadStrings(c, "MKhoi"); return true;
            case "HLuc": m.EffectiveDate = c.Date(); return true;
            default: return false;
        }
    }

    private static List<string> ReadStrings(ReadContext c, string item)
    {
        var list = new List<string>();
        if (!c.Enter()) return list;
        while (c.Next())
        {
            if (c.Name == item) list.Add(c.Text());
            else c.Skip();
        }
        return list;
    }

    private static bool ErroneousNoticeField(ReadContext c, ErroneousInvoiceNotice m)
    {
        switch (c.Name)
        {
            case "Loai": m.Kind = c.Int(); return true;
            case "NTBCCQT": m.AuthorityNoticeDate = c.Date(); return true;
            case "MCQT": m.TaxOfficeCode = c.Text(); return true;
            case "TCQT": m.TaxOfficeName = c.Text(); return true;
            case "DSHDon": ReadItems(c, m.Invoices, ReadErroneousInvoice); return true;
            default: return false;
        }
    }

    private static ErroneousInvoice ReadErroneousInvoice(ReadContext c, int index)
    {
        var i = new ErroneousInvoice();
        if (!c.Enter(index)) return i;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "LDo": i.Reason = c.Text(); break;
                default: if (!ErroneousInvoiceField(c, i)) c.Skip(); break;
            }
        }
        return i;
    }

    private static bool ErroneousInvoiceField(ReadContext c, ErroneousInvoiceBase i)
    {
        switch (c.Name)
        {
            case "STT": i.Index = c.Int(); return true;
            case "MCCQT": i.Code = c.Text(); return true;
            case "KHMSHDon": i.FormNumber = c.Text(); return true;
            case "KHHDon": i.Series = c.Text(); return true;
            case "SHDon": i.Number = c.Text(); return true;
            case "Ngay": i.Date = c.Date(); return true;
            case "LADHDDT": i.InvoiceKind = c.Int(); return true;
            case "TCTBao": i.Action = c.Int(); return true;
            default: return false;
        }
    }

    private static bool ErroneousReplyField(ReadContext c, ErroneousInvoiceReply m)
    {
        switch (c.Name)
        {
            case "MGDDTu": m.TransactionId = c.Text(); return true;
            case "DSHDon": ReadItems(c, m.Invoices, ReadErroneousResult); return true;
            default: return false;
        }
    }

    private static ErroneousInvoiceResult ReadErroneousResult(ReadContext c, int index)
    {
        var i = new ErroneousInvoiceResult();
        if (!c.Enter(index)) return i;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "TTTNCCQT": i.Accepted = c.Int(); break;
                case "DSLDKTNhan": i.Reasons = ReadReasons(c); break;
                default: if (!ErroneousInvoiceField(c, i)) c.Skip(); break;
            }
        }
        return i;
    }

    private static bool ReviewField(ReadContext c, ReviewNotice m)
    {
        switch (c.Name)
        {
            // HGTrinh is the name 302.xsd defines; the long spelling HanGiaiTrinh is tolerated.
            case "HanGiaiTrinh" or "HGTrinh": m.Deadline = c.Date(); return true;
            case "DSHDon": ReadItems(c, m.Invoices, ReadReviewedInvoice); return true;
            default: return false;
        }
    }

    private static ReviewedInvoice ReadReviewedInvoice(ReadContext c, int index)
    {
        var i = new ReviewedInvoice();
        if (!c.Enter(index)) return i;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "STT": i.Index = c.Int(); break;
                case "KHMSHDon": i.FormNumber = c.Text(); break;
                case "KHHDon": i.Series = c.Text(); break;
                case "SHDon": i.Number = c.Text(); break;
                case "MCCQT": i.Code = c.Text(); break;
                case "NLap": i.IssueDate = c.Date(); break;
                case "DSLDo": i.Reasons = ReadReasons(c); break;
                default: c.Skip(); break;
            }
        }
        return i;
    }

    /// <summary>DSHDon{HDon × n} into <paramref name="list"/>.</summary>
    private static void ReadItems<T>(ReadContext c, List<T> list, Func<ReadContext, int, T> item)
    {
        if (!c.Enter()) return;
        while (c.Next())
        {
            if (c.Name == "HDon") list.Add(item(c, list.Count + 1));
            else c.Skip();
        }
    }
}

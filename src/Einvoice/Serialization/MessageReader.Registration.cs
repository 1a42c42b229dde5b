using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Einvoice.Serialization;

// 100: DLieu{TKhai{DLTKhai[@Id]{TTChung, NDTKhai}, DSCKS}}.
public static partial class MessageReader
{
    private static Registration ReadRegistration(ReadContext c)
    {
        var m = new Registration();
        if (!c.Enter()) return m;
        while (c.Next())
        {
            if (c.Name != "TKhai") { c.Skip(); continue; }
            if (!c.Enter()) continue;
            while (c.Next())
            {
                switch (c.Name)
                {
                    case "DLTKhai":
                        m.DataId = c.Attribute("Id");
                        ReadRegistrationData(c, m);
                        break;
                    case "DSCKS": m.SignaturesXml = c.Raw(); break;
                    default: c.Skip(); break;
                }
            }
        }
        return m;
    }

    private static void ReadRegistrationData(ReadContext c, Registration m)
    {
        if (!c.Enter()) return;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "TTChung": ReadRegistrationHeader(c, m); break;
                case "NDTKhai": ReadRegistrationContent(c, m); break;
                default: c.Skip(); break;
            }
        }
    }

    private static void ReadRegistrationHeader(ReadContext c, Registration m)
    {
        if (!c.Enter()) return;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "PBan": m.Version = c.Text(); break;
                case "MSo": m.FormNumber = c.Text(); break;
                case "Ten": m.Title = c.Text(); break;
                case "HThuc": m.Kind = c.Int(); break;
                case "TNNT": m.TaxpayerName = c.Text(); break;
                case "MST": m.TaxCode = c.Text(); break;
                case "CQTQLy": m.TaxOfficeName = c.Text(); break;
                case "MCQTQLy": m.TaxOfficeCode = c.Text(); break;
                case "NLHe": m.ContactName = c.Text(); break;
                case "DCLHe": m.ContactAddress = c.Text(); break;
                case "DCTDTu": m.ContactEmail = c.Text(); break;
                case "DTLHe": m.ContactPhone = c.Text(); break;
                case "DDanh": m.Place = c.Text(); break;
                case "NLap": m.Date = c.Date(); break;
                default: c.Skip(); break;
            }
        }
    }

    private static void ReadRegistrationContent(ReadContext c, Registration m)
    {
        if (!c.Enter()) return;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "HTHDon": m.InvoiceMethods = ReadInvoiceMethods(c); break;
                case "HTGDLHDDT": m.Transmission = ReadTransmission(c); break;
                case "PThuc": m.TransferMethod = ReadTransferMethod(c); break;
                case "LHDSDung": m.FormsUsed = ReadFormsUsed(c); break;
                case "DSCTSSDung": m.Certificates = ReadCertificates(c); break;
                default: c.Skip(); break;
            }
        }
    }

    private static InvoiceMethodFlags ReadInvoiceMethods(ReadContext c)
    {
        var f = new InvoiceMethodFlags();
        if (!c.Enter()) return f;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "CMa": f.Coded = c.Int(); break;
                case "CMTMTTien": f.CashRegister = c.Int(); break;
                case "KCMa": f.NotCoded = c.Int(); break;
                default: c.Skip(); break;
            }
        }
        return f;
    }

    private static TransmissionFlags ReadTransmission(ReadContext c)
    {
        var f = new TransmissionFlags();
        if (!c.Enter()) return f;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "NNTDBKKhan": f.DifficultArea = c.Int(); break;
                case "NNTKTDNUBND": f.ProvincialList = c.Int(); break;
                case "CDLTTDCQT": f.DirectToAuthority = c.Int(); break;
                case "CDLQTCTN": f.ViaProvider = c.Int(); break;
                default: c.Skip(); break;
            }
        }
        return f;
    }

    private static TransferMethodFlags ReadTransferMethod(ReadContext c)
    {
        var f = new TransferMethodFlags();
        if (!c.Enter()) return f;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "CDDu": f.FullContent = c.Int(); break;
                case "CBTHop": f.Summary = c.Int(); break;
                default: c.Skip(); break;
            }
        }
        return f;
    }

    private static FormsUsedFlags ReadFormsUsed(ReadContext c)
    {
        var f = new FormsUsedFlags();
        if (!c.Enter()) return f;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "HDGTGT": f.VatInvoice = c.Int(); break;
                case "HDBHang": f.SalesInvoice = c.Int(); break;
                case "HDBTSCong": f.PublicAssetSale = c.Int(); break;
                case "HDBHDTQGia": f.NationalReserveSale = c.Int(); break;
                case "HDKhac": f.Other = c.Int(); break;
                case "CTu": f.Documents = c.Int(); break;
                default: c.Skip(); break;
            }
        }
        return f;
    }

    private static List<CertificateEntry> ReadCertificates(ReadContext c)
    {
        var list = new List<CertificateEntry>();
        if (!c.Enter()) return list;
        while (c.Next())
        {
            if (c.Name != "CTS") { c.Skip(); continue; }
            var e = new CertificateEntry();
            if (c.Enter(list.Count + 1))
            {
                while (c.Next())
                {
                    switch (c.Name)
                    {
                        case "STT": e.Index = c.Int(); break;
                        case "TTChuc": e.Issuer = c.Text(); break;
                        case "Seri": e.Serial = c.Text(); break;
                        case "TNgay": e.ValidFrom = c.DateTime(); break;
                        case "DNgay": e.ValidTo = c.DateTime(); break;
                        case "HThuc": e.Action = c.Int(); break;
                        default: c.Skip(); break;
                    }
                }
            }
            list.Add(e);
        }
        return list;
    }
}

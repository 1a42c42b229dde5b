using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Einvoice.Serialization;

// 206 and the cash-register invoice (HDon).
public static partial class MessageReader
{
    private static InvoicePackage ReadInvoicePackage(ReadContext c)
    {
        var p = new InvoicePackage { DataId = c.Attribute("Id") };
        if (!c.Enter()) return p;
        while (c.Next())
        {
            if (c.Name == "HDon") p.Invoices.Add(ReadInvoice(c, p.Invoices.Count + 1));
            else c.Skip();
        }
        return p;
    }

    private static CashRegisterInvoice ReadInvoice(ReadContext c, int index)
    {
        var inv = new CashRegisterInvoice { Namespaces = c.Namespaces() };
        if (!c.Enter(index)) return inv;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "DLHDon":
                    inv.InvoiceDataId = c.Attribute("Id");
                    ReadInvoiceData(c, inv);
                    break;
                case "DLQRCode": inv.QrCode = c.Text(); break;
                case "MCCQT":
                    inv.CodeId = c.Attribute("Id");
                    inv.Code = c.Text();
                    break;
                // Real documents carry a second, empty DSCKS; the first one holds the signatures.
                case "DSCKS" when inv.SignaturesXml is null: inv.SignaturesXml = c.Raw(); break;
                default: c.Skip(); break;
            }
        }
        return inv;
    }

    private static void ReadInvoiceData(ReadContext c, CashRegisterInvoice inv)
    {
        if (!c.Enter()) return;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "TTChung": inv.General = ReadInvoiceHeader(c); break;
                case "NDHDon": ReadInvoiceContent(c, inv); break;
                case "TTKhac": inv.ExtraFields = ReadExtraFields(c); break;
                default: c.Skip(); break;
            }
        }
    }

    private static InvoiceHeader ReadInvoiceHeader(ReadContext c)
    {
        var h = new InvoiceHeader();
        if (!c.Enter()) return h;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "PBan": h.Version = c.Text(); break;
                case "THDon": h.Name = c.Text(); break;
                case "KHMSHDon": h.FormNumber = c.Text(); break;
                case "KHHDon": h.Series = c.Text(); break;
                case "SHDon": h.Number = c.Text(); break;
                case "NLap": h.IssueDate = c.Date(); break;
                case "DVTTe": h.Currency = c.Text(); break;
                case "TGia": h.ExchangeRate = c.Decimal(); break;
                case "HTTToan": h.PaymentMethod = c.Text(); break;
                case "HDCTTChinh": h.FinanceLease = c.Int(); break;
                case "SBKe": h.ListNumber = c.Text(); break;
                case "NBKe": h.ListDate = c.Date(); break;
                case "MSTTCGP": h.ProviderTaxCode = c.Text(); break;
                case "TTHDLQuan": h.RelatedInvoice = ReadRelatedInvoice(c); break;
                case "TTKhac": h.ExtraFields = ReadExtraFields(c); break;
                default: c.Skip(); break;
            }
        }
        return h;
    }

    private static RelatedInvoice ReadRelatedInvoice(ReadContext c)
    {
        var ri = new RelatedInvoice();
        if (!c.Enter()) return ri;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "TCHDon": ri.Kind = c.Int(); break;
                case "LHDCLQuan": ri.RelatedKind = c.Int(); break;
                case "KHMSHDCLQuan": ri.FormNumber = c.Text(); break;
                case "KHHDCLQuan": ri.Series = c.Text(); break;
                case "SHDCLQuan": ri.Number = c.Text(); break;
                case "NLHDCLQuan": ri.IssueDate = c.Date(); break;
                case "GChu": ri.Note = c.Text(); break;
                case "SBKCLQuan": ri.ListNumber = c.Text(); break;
                case "NBKCLQuan": ri.ListDate = c.Date(); break;
                default: c.Skip(); break;
            }
        }
        return ri;
    }

    private static void ReadInvoiceContent(ReadContext c, CashRegisterInvoice inv)
    {
        if (!c.Enter()) return;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "NBan": inv.Seller = ReadParty(c); break;
                case "NMua": inv.Buyer = ReadParty(c); break;
                case "DSHHDVu": ReadLines(c, inv.Lines); break;
                case "TToan": inv.Totals = ReadTotals(c); break;
                default: c.Skip(); break;
            }
        }
    }

    private static Party ReadParty(ReadContext c)
    {
        var p = new Party();
        if (!c.Enter()) return p;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "Ten": p.Name = c.Text(); break;
                case "MST": p.TaxCode = c.Text(); break;
                case "DChi": p.Address = c.Text(); break;
                case "MKHang": p.CustomerCode = c.Text(); break;
                case "SDThoai": p.Phone = c.Text(); break;
                case "DCTDTu": p.Email = c.Text(); break;
                case "HVTNMHang": p.BuyerPersonName = c.Text(); break;
                case "STKNHang": p.BankAccount = c.Text(); break;
                case "TNHang": p.BankName = c.Text(); break;
                case "Fax": p.Fax = c.Text(); break;
                case "Website": p.Website = c.Text(); break;
                case "MCHang": p.StoreCode = c.Text(); break;
                case "TCHang": p.StoreName = c.Text(); break;
                case "CCCDan": p.PersonalId = c.Text(); break;
                case "SHChieu": p.PassportNumber = c.Text(); break;
                case "MDVQHNSach": p.BudgetUnitCode = c.Text(); break;
                case "TTKhac": p.ExtraFields = ReadExtraFields(c); break;
                default: c.Skip(); break;
            }
        }
        return p;
    }

    private static void ReadLines(ReadContext c, List<InvoiceLine> lines)
    {
        if (!c.Enter()) return;
        while (c.Next())
        {
            if (c.Name == "HHDVu") lines.Add(ReadLine(c, lines.Count + 1));
            else c.Skip();
        }
    }

    private static InvoiceLine ReadLine(ReadContext c, int index)
    {
        var l = new InvoiceLine();
        if (!c.Enter(index)) return l;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "TChat": l.Kind = c.Int(); break;
                case "STT": l.LineNumber = c.Int(); break;
                case "MHHDVu": l.ItemCode = c.Text(); break;
                case "THHDVu": l.ItemName = c.Text(); break;
                case "DVTinh": l.Unit = c.Text(); break;
                case "SLuong": l.Quantity = c.Decimal(); break;
                case "DGia": l.UnitPrice = c.Decimal(); break;
                case "TLCKhau": l.DiscountRate = c.Decimal(); break;
                case "STCKhau": l.DiscountAmount = c.Decimal(); break;
                case "ThTien": l.Amount = c.Decimal(); break;
                case "TSuat": l.VatRate = c.Text(); break;
                case "TTHHDTrung": l.SpecificInfo = ReadSpecificInfo(c); break;
                case "TTKhac": l.ExtraFields = ReadExtraFields(c); break;
                default: c.Skip(); break;
            }
        }
        return l;
    }

    private static List<SpecificInfo> ReadSpecificInfo(ReadContext c)
    {
        var list = new List<SpecificInfo>();
        if (!c.Enter()) return list;
        while (c.Next())
        {
            if (c.Name != "TTin") { c.Skip(); continue; }
            var s = new SpecificInfo();
            if (c.Enter(list.Count + 1))
            {
                while (c.Next())
                {
                    switch (c.Name)
                    {
                        case "LHHDTrung": s.Kind = c.Text(); break;
                        case "TTruong": s.Field = c.Text(); break;
                        case "DLieu": s.Value = c.Text(); break;
                        default: c.Skip(); break;
                    }
                }
            }
            list.Add(s);
        }
        return list;
    }

    private static InvoiceTotals ReadTotals(ReadContext c)
    {
        var t = new InvoiceTotals();
        if (!c.Enter()) return t;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "THTTLTSuat": t.RateTotals = ReadRateTotals(c); break;
                case "TgTCThue": t.TotalBeforeTax = c.Decimal(); break;
                case "TgTThue": t.TotalTax = c.Decimal(); break;
                case "DSLPhi": t.OtherFees = ReadOtherFees(c); break;
                case "TTCKTMai": t.TotalTradeDiscount = c.Decimal(); break;
                case "TGTKCThue": t.NonTaxableDeductions = c.Decimal(); break;
                case "TGTKhac": t.OtherDeductions = c.Decimal(); break;
                case "TgTTTBSo": t.TotalPayable = c.Decimal(); break;
                case "TgTTTBChu": t.TotalPayableInWords = c.Text(); break;
                case "TTKhac": t.ExtraFields = ReadExtraFields(c); break;
                default: c.Skip(); break;
            }
        }
        return t;
    }

    private static List<RateTotal> ReadRateTotals(ReadContext c)
    {
        var list = new List<RateTotal>();
        if (!c.Enter()) return list;
        while (c.Next())
        {
            if (c.Name != "LTSuat") { c.Skip(); continue; }
            var rt = new RateTotal();
            if (c.Enter(list.Count + 1))
            {
                while (c.Next())
                {
                    switch (c.Name)
                    {
                        case "TSuat": rt.VatRate = c.Text(); break;
                        case "ThTien": rt.Amount = c.Decimal(); break;
                        case "TThue": rt.Tax = c.Decimal(); break;
                        default: c.Skip(); break;
                    }
                }
            }
            list.Add(rt);
        }
        return list;
    }

    private static List<OtherFee> ReadOtherFees(ReadContext c)
    {
        var list = new List<OtherFee>();
        if (!c.Enter()) return list;
        while (c.Next())
        {
            if (c.Name != "LPhi") { c.Skip(); continue; }
            var fee = new OtherFee();
            if (c.Enter(list.Count + 1))
            {
                while (c.Next())
                {
                    switch (c.Name)
                    {
                        case "TLPhi": fee.Name = c.Text(); break;
                        case "TPhi": fee.Amount = c.Decimal(); break;
                        default: c.Skip(); break;
                    }
                }
            }
            list.Add(fee);
        }
        return list;
    }
}

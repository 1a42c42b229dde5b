using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Einvoice.Serialization;

// 206 and the cash-register invoice (HDon), in formats.md order.
public static partial class MessageWriter
{
    private static void WritePackage(WriteContext c, InvoicePackage p)
    {
        c.Start("DLieu");
        c.Attribute("Id", p.DataId);
        foreach (var invoice in p.Invoices) WriteInvoice(c, invoice);
        c.End();
        c.Raw("CKSNNT", p.SellerSignatureXml);
    }

    private static void WriteInvoice(WriteContext c, CashRegisterInvoice inv)
    {
        c.Start("HDon");
        c.Namespaces(inv.Namespaces);
        c.Start("DLHDon");
        c.Attribute("Id", inv.InvoiceDataId);
        WriteInvoiceHeader(c, inv.General);
        c.Start("NDHDon");
        WriteParty(c, "NBan", inv.Seller);
        if (inv.Buyer is not null) WriteParty(c, "NMua", inv.Buyer);
        c.Start("DSHHDVu");
        foreach (var line in inv.Lines) WriteLine(c, line);
        c.End();
        WriteTotals(c, inv.Totals);
        c.End();
        c.ExtraFields(inv.ExtraFields);
        c.End();
        c.Text("DLQRCode", inv.QrCode);
        if (inv.Code is not null)
        {
            c.Start("MCCQT");
            c.Attribute("Id", inv.CodeId);
            c.Writer.WriteString(inv.Code);
            c.End();
        }
        c.Raw("DSCKS", inv.SignaturesXml);
        c.End();
    }

    private static void WriteInvoiceHeader(WriteContext c, InvoiceHeader h)
    {
        c.Start("TTChung");
        c.Text("PBan", h.Version);
        c.Text("THDon", h.Name);
        c.Text("KHMSHDon", h.FormNumber);
        c.Text("KHHDon", h.Series);
        c.Text("SHDon", h.Number);
        c.Date("NLap", h.IssueDate);
        // 2.1.0 places the finance-lease flag and the list right after NLap (as 206.xsd does).
        c.Int("HDCTTChinh", h.FinanceLease);
        c.Text("SBKe", h.ListNumber);
        c.Date("NBKe", h.ListDate);
        c.Text("DVTTe", h.Currency);
        c.Decimal("TGia", h.ExchangeRate);
        c.Text("HTTToan", h.PaymentMethod);
        c.Text("MSTTCGP", h.ProviderTaxCode);
        if (h.RelatedInvoice is { } ri)
        {
            c.Start("TTHDLQuan");
            c.Int("TCHDon", ri.Kind);
            c.Int("LHDCLQuan", ri.RelatedKind);
            c.Text("KHMSHDCLQuan", ri.FormNumber);
            c.Text("KHHDCLQuan", ri.Series);
            c.Text("SHDCLQuan", ri.Number);
            c.Date("NLHDCLQuan", ri.IssueDate);
            c.Text("GChu", ri.Note);
            c.Text("SBKCLQuan", ri.ListNumber);
            c.Date("NBKCLQuan", ri.ListDate);
            c.End();
        }
        c.ExtraFields(h.ExtraFields);
        c.End();
    }

    // One order for both roles, the one real documents use (NMua: MKHang after DChi,
    // HVTNMHang after DCTDTu); the 2.1.0 additions come last, before TTKhac. 206.xsd takes
    // NBan/NMua children in any order (xs:all).
    private static void WriteParty(WriteContext c, string element, Party p)
    {
        c.Start(element);
        c.Text("Ten", p.Name);
        c.Text("MST", p.TaxCode);
        c.Text("DChi", p.Address);
        c.Text("MKHang", p.CustomerCode);
        c.Text("SDThoai", p.Phone);
        c.Text("DCTDTu", p.Email);
        c.Text("HVTNMHang", p.BuyerPersonName);
        c.Text("STKNHang", p.BankAccount);
        c.Text("TNHang", p.BankName);
        c.Text("Fax", p.Fax);
        c.Text("Website", p.Website);
        c.Text("MCHang", p.StoreCode);
        c.Text("TCHang", p.StoreName);
        c.Text("CCCDan", p.PersonalId);
        c.Text("SHChieu", p.PassportNumber);
        c.Text("MDVQHNSach", p.BudgetUnitCode);
        c.ExtraFields(p.ExtraFields);
        c.End();
    }

    private static void WriteLine(WriteContext c, InvoiceLine l)
    {
        c.Start("HHDVu");
        c.Int("TChat", l.Kind);
        c.Int("STT", l.LineNumber);
        c.Text("MHHDVu", l.ItemCode);
        c.Text("THHDVu", l.ItemName);
        c.Text("DVTinh", l.Unit);
        c.Decimal("SLuong", l.Quantity);
        c.Decimal("DGia", l.UnitPrice);
        c.Decimal("TLCKhau", l.DiscountRate);
        c.Decimal("STCKhau", l.DiscountAmount);
        c.Decimal("ThTien", l.Amount);
        c.Text("TSuat", l.VatRate);
        if (l.SpecificInfo is { } info)
        {
            c.Start("TTHHDTrung");
            foreach (var s in info)
            {
                c.Start("TTin");
                c.Text("LHHDTrung", s.Kind);
                c.Text("TTruong", s.Field);
                c.Text("DLieu", s.Value);
                c.End();
            }
            c.End();
        }
        c.ExtraFields(l.ExtraFields);
        c.End();
    }

    private static void WriteTotals(WriteContext c, InvoiceTotals t)
    {
        c.Start("TToan");
        if (t.RateTotals is { } rates)
        {
            c.Start("THTTLTSuat");
            foreach (var r in rates)
            {
                c.Start("LTSuat");
                c.Text("TSuat", r.VatRate);
                c.Decimal("ThTien", r.Amount);
                c.Decimal("TThue", r.Tax);
                c.End();
            }
            c.End();
        }
        c.Decimal("TgTCThue", t.TotalBeforeTax);
        c.Decimal("TGTKCThue", t.NonTaxableDeductions);
        c.Decimal("TgTThue", t.TotalTax);
        if (t.OtherFees is { } fees)
        {
            c.Start("DSLPhi");
            foreach (var f in fees)
            {
                c.Start("LPhi");
                c.Text("TLPhi", f.Name);
                c.Decimal("TPhi", f.Amount);
                c.End();
            }
            c.End();
        }
        c.Decimal("TTCKTMai", t.TotalTradeDiscount);
        c.Decimal("TGTKhac", t.OtherDeductions);
        c.Decimal("TgTTTBSo", t.TotalPayable);
        c.Text("TgTTTBChu", t.TotalPayableInWords);
        c.ExtraFields(t.ExtraFields);
        c.End();
    }
}

using System.Globalization;
using System.Xml.Linq;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// One <c>HDon</c> of the TT78 <c>DSHDon</c> a POS sends in VNPT's <c>xmlInvData</c>, read into the reference provider's sale:
/// <c>key</c> (Fkey), <c>DLHDon/TTChung</c> (<c>DVTTe</c>, <c>HTTToan</c>), <c>NDHDon/NMua</c> (the buyer), <c>NDHDon/DSHHDVu/HHDVu</c>
/// (the lines) and <c>NDHDon/TToan</c> (the totals the POS claims, checked against the reference's).
/// </summary>
public static class VnptInvoiceXml
{
    public static (string? Key, Sale? Sale, string? Refusal) Read(XElement invoice, int index)
    {
        var at = $"HDon[{index}]";
        var key = invoice.Element("key")?.Value.Trim();
        if (string.IsNullOrEmpty(key)) return (null, null, $"{at}.key (Fkey) không được để trống");
        if (key.Length > 100) return (null, null, $"{at}.key dài quá 100 ký tự");
        var general = invoice.Element("DLHDon")?.Element("TTChung");
        var content = invoice.Element("DLHDon")?.Element("NDHDon");
        if (content is null) return (key, null, $"{at}: thiếu DLHDon/NDHDon");
        if (Text(general, "DVTTe") is { } currency && currency != "VND")
            return (key, null, $"{at}.DLHDon.TTChung.DVTTe {currency}: the simulator issues VND invoices only");

        var lines = new List<SaleLine>();
        var i = 0;
        foreach (var item in content.Element("DSHHDVu")?.Elements("HHDVu") ?? [])
        {
            var kind = Text(item, "TChat") ?? "1";
            if (kind == "4") { i++; continue; } // a note line
            if (kind != "1") return (key, null, $"{at}.HHDVu[{i}].TChat {kind}: the simulator takes goods (1) and notes (4) only");
            var rateText = Text(item, "TSuat");
            var rate = BackendContext.Rate(rateText);
            if (rate is null) return (key, null, $"{at}.HHDVu[{i}].TSuat '{rateText}' không hợp lệ (0%, 5%, 8%, 10%, KCT, KKKNT)");
            lines.Add(new SaleLine(Text(item, "THHDVu") ?? "", Text(item, "DVTinh") ?? "", Number(item, "SLuong") ?? 0m, Number(item, "DGia") ?? 0m,
                rate.Value, Number(item, "STCKhau") ?? 0m, Text(item, "MHHDVu")));
            i++;
        }
        if (lines.Count == 0) return (key, null, $"{at}.DSHHDVu phải có ít nhất một HHDVu hàng hóa");

        var buyerXml = content.Element("NMua");
        var buyer = new Buyer(Text(buyerXml, "Ten"), Text(buyerXml, "DChi"), Text(buyerXml, "MST"), Text(buyerXml, "CCCDan"), Text(buyerXml, "SDThoai"));
        var sale = new Sale
        {
            Lines = lines, Buyer = buyer is { Name: null, Address: null, TaxCode: null, PersonalId: null, Phone: null } ? null : buyer,
            PaymentMethod = Text(general, "HTTToan") ?? "TM/CK",
        };
        var (violation, totals) = BackendContext.Check(sale);
        if (violation is not null) return (key, null, $"{at}.{Path(violation.Path)}: {violation.Message}");
        var claimed = content.Element("TToan");
        if (Number(claimed, "TgTTTBSo") is { } total && total != totals!.TotalPayable)
            return (key, null, $"{at}.TToan.TgTTTBSo {total} khác tổng tiền tính được {totals.TotalPayable}");
        if (Number(claimed, "TgTThue") is { } tax && tax != totals!.TotalTax)
            return (key, null, $"{at}.TToan.TgTThue {tax} khác tổng tiền thuế tính được {totals.TotalTax}");
        return (key, sale, null);
    }

    /// <summary>A path of the reference's sale (lines[2].name) in the XML's names (HHDVu[2].THHDVu).</summary>
    public static string Path(string path) => BackendContext.Rename(path, "HHDVu", new Dictionary<string, string>
    {
        ["name"] = "THHDVu", ["unit"] = "DVTinh", ["quantity"] = "SLuong", ["unitPrice"] = "DGia", ["rate"] = "TSuat", ["discount"] = "STCKhau",
        ["itemCode"] = "MHHDVu",
    }, new Dictionary<string, string>
    {
        ["buyer.name"] = "NMua.Ten", ["buyer.taxCode"] = "NMua.MST", ["buyer.address"] = "NMua.DChi", ["buyer.personalId"] = "NMua.CCCDan",
        ["buyer.phone"] = "NMua.SDThoai", ["paymentMethod"] = "TTChung.HTTToan",
    });

    public static string? Text(XElement? parent, string name) =>
        parent?.Element(name)?.Value.Trim() is { Length: > 0 } s ? s : null;

    public static decimal? Number(XElement? parent, string name) =>
        Text(parent, name) is { } s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
}

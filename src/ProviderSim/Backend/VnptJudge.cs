using System.Xml;
using System.Xml.Linq;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// How the judgement reads a POS's VNPT traffic: the issue is the SOAP call ImportAndPublishInv(MTT) on PublishService, its
/// id the first <c>HDon</c>'s <c>key</c> (Fkey), issued when the result is <c>OK:…</c>; the content rules read the TT78
/// <c>DSHDon</c> in <c>xmlInvData</c> (required fields, <c>ThTien</c> → <c>TgTCThue</c> → <c>TgTTTBSo</c>, <c>TgTTTBChu</c>).
/// There is no login: every call carries its credentials (login-reuse says not-seen).
/// </summary>
public static class VnptJudge
{
    public static JudgeSpec Spec { get; } = new(
        (_, _) => false,
        (method, path, body) => method == "POST" && path == VnptBackend.Publish && body?.Contains("ImportAndPublishInv", StringComparison.Ordinal) == true,
        body => Invoices(body)?.FirstOrDefault()?.Element("key")?.Value.Trim() is { Length: > 0 } key ? key : null,
        (status, body) => status == 200 && VnptSoap.ResultOf(body)?.StartsWith("OK:", StringComparison.Ordinal) == true)
    {
        SaleKey = SaleKey,
        Content = Content,
        ContentRules = JsonJudgeRules.Rules,
        Refused = (status, body) => status == 400 || (status == 200 && VnptSoap.ResultOf(body) is { } r && r.StartsWith("ERR:3", StringComparison.Ordinal)),
    };

    /// <summary>The HDon of the request's xmlInvData, or null when it is not a SOAP call carrying a DSHDon.</summary>
    private static List<XElement>? Invoices(string body)
    {
        try
        {
            var call = VnptSoap.Load(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "xmlInvData");
            return call is null ? null : VnptSoap.Load(call.Value).Root?.Elements("HDon").ToList();
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The invoices without their keys and dates: the same sale sent again has the same key here.</summary>
    private static string? SaleKey(string body)
    {
        if (Invoices(body) is not { } invoices) return null;
        var copy = new XElement("DSHDon", invoices.Select(i => new XElement(i)));
        copy.Descendants().Where(e => e.Name.LocalName is "key" or "NLap" or "MCCQT").ToList().ForEach(e => e.Remove());
        return copy.ToString(SaveOptions.DisableFormatting);
    }

    private static IEnumerable<(string, string)> Content(string body)
    {
        if (Invoices(body) is not { } invoices) yield break;
        for (var n = 0; n < invoices.Count; n++)
        {
            var at = $"HDon[{n}]";
            var general = invoices[n].Element("DLHDon")?.Element("TTChung");
            var content = invoices[n].Element("DLHDon")?.Element("NDHDon");
            if (VnptInvoiceXml.Text(invoices[n], "key") is null) yield return ("required-fields", $"{at}.key (Fkey) is missing");
            foreach (var f in new[] { "DVTTe", "HTTToan" })
                if (VnptInvoiceXml.Text(general, f) is null) yield return ("required-fields", $"{at}.DLHDon.TTChung.{f} is missing");
            var items = content?.Element("DSHHDVu")?.Elements("HHDVu").ToList() ?? [];
            if (items.Count == 0) yield return ("required-fields", $"{at}.NDHDon.DSHHDVu has no HHDVu");
            decimal lines = 0;
            for (var i = 0; i < items.Count; i++)
            {
                if (VnptInvoiceXml.Text(items[i], "TChat") == "4") continue;
                foreach (var f in new[] { "THHDVu", "DVTinh", "SLuong", "DGia", "TSuat", "ThTien" })
                    if (VnptInvoiceXml.Text(items[i], f) is null) yield return ("required-fields", $"{at}.HHDVu[{i}].{f} is missing");
                var net = (VnptInvoiceXml.Number(items[i], "SLuong") ?? 0) * (VnptInvoiceXml.Number(items[i], "DGia") ?? 0) - (VnptInvoiceXml.Number(items[i], "STCKhau") ?? 0);
                if (VnptInvoiceXml.Number(items[i], "ThTien") is { } written && written != net)
                    yield return ("totals", $"{at}.HHDVu[{i}].ThTien {JsonJudgeRules.Money(written)} is not SLuong × DGia − STCKhau = {JsonJudgeRules.Money(net)}");
                lines += VnptInvoiceXml.Number(items[i], "ThTien") ?? net;
            }
            var totals = content?.Element("TToan");
            foreach (var f in new[] { "TgTCThue", "TgTThue", "TgTTTBSo" })
                if (VnptInvoiceXml.Text(totals, f) is null) yield return ("required-fields", $"{at}.TToan.{f} is missing");
            foreach (var f in JsonJudgeRules.Totals($"{at}.TToan", "TgTCThue", "TgTThue", "TgTTTBSo", VnptInvoiceXml.Number(totals, "TgTCThue"),
                         VnptInvoiceXml.Number(totals, "TgTThue"), VnptInvoiceXml.Number(totals, "TgTTTBSo"), lines, items.Count > 0)) yield return f;
            foreach (var f in JsonJudgeRules.Words($"{at}.TToan.TgTTTBChu", VnptInvoiceXml.Text(totals, "TgTTTBChu"), VnptInvoiceXml.Number(totals, "TgTTTBSo"), required: true))
                yield return f;
        }
    }
}

using System.Xml;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Endpoints;

/// <summary>What a buyer sees when looking an invoice up.</summary>
public sealed record InvoiceView(
    string Mst, string Code, int? Form, string? Series, string? Number, DateOnly? IssuedOn,
    string? SellerName, string? BuyerName, string? BuyerMst, decimal? TotalBeforeTax, decimal? TotalTax, decimal? Total,
    string? Currency, string StoredAt, string MessageId, string? Xml)
{
    public static InvoiceView From(StoredInvoice i, string? xml) => new(
        i.TaxCode, i.Code, i.Form, i.Series, i.Number, i.IssuedOn, i.SellerName, i.BuyerName, i.BuyerTaxCode,
        i.TotalBeforeTax, i.TotalTax, i.Total, i.Currency,
        VietnamTime.Local(i.StoredAt).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+07:00",
        i.MessageId, xml);
}

/// <summary>Cuts one HDon out of a stored package.</summary>
public static class InvoiceXml
{
    public static string? Extract(byte[] package, int index)
    {
        var doc = SafeXml.LoadDocument(package);
        var list = doc.DocumentElement?.SelectNodes("/TDiep/DLieu/HDon");
        return list is not null && index >= 1 && index <= list.Count ? ((XmlElement)list[index - 1]!).OuterXml : null;
    }
}

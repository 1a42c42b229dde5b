using System.Text;

namespace ConformanceKit.Provider.Tests.Import;

/// <summary>Builds CSV sale files for the tests.</summary>
internal static class ImportFiles
{
    public const string Header =
        "sale_id,register_id,name,unit,quantity,unit_price,vat_rate,discount,item_code,kind,buyer_name,buyer_tax_code,buyer_address,buyer_id,buyer_phone,payment_method";

    private static readonly string[] Columns = Header.Split(',');

    /// <summary>One row given by column name, quoted as needed; the other columns are empty.</summary>
    public static string Row(params (string Column, string Value)[] values) =>
        string.Join(',', Columns.Select(c => Quote(values.FirstOrDefault(v => v.Column == c).Value ?? "")));

    /// <summary>RFC 4180 quoting where needed.</summary>
    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>A goods row.</summary>
    public static string Goods(string saleId, string name, string quantity, string price, string rate, string discount = "") =>
        Row(("sale_id", saleId), ("name", name), ("unit", "Cái"), ("quantity", quantity), ("unit_price", price), ("vat_rate", rate), ("discount", discount));

    public static string Csv(params string[] rows) => string.Join("\r\n", new[] { Header }.Concat(rows)) + "\r\n";

    public static byte[] Bytes(string text, bool bom = false) =>
        bom ? [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);
}

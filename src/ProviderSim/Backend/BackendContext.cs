using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>What a profile's backend works with: the reference provider, the seller it issues for, the index of transactions.</summary>
public sealed class BackendContext(ReferenceProvider provider, string sellerTaxCode)
{
    public ReferenceProvider Provider { get; } = provider;
    public string SellerTaxCode { get; } = sellerTaxCode;
    public TransactionIndex Index { get; } = new();

    /// <summary>The authority the reference provider sends to, when known (the T-VAN profile forwards there itself).</summary>
    public Uri? Authority { get; init; }

    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>The provider's own id of an invoice (a look-up code a buyer types): 10 characters derived from the code.</summary>
    public static string ProviderId(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)))[..10];

    /// <summary>The reference's checks on the sale, before anything is issued: the violation or null, and the totals.</summary>
    public static (SaleViolation? Violation, SaleTotals? Totals) Check(Sale sale)
    {
        if (SaleCalculator.Find(sale) is { } v) return (v, null);
        try
        {
            return (null, SaleCalculator.Compute(sale));
        }
        catch (ArgumentException e)
        {
            return (new SaleViolation(SaleSection.Sale, -1, "", "rule", e.Message), null);
        }
    }

    /// <summary>A percent (10, 8, 5, 0) or a provider's marker for "not subject" / "not declared" as the reference's rate.</summary>
    public static VatRate? Rate(string? text) => VatRate.TryParse(text, out var rate, out _) ? rate : null;

    /// <summary>A property by name, as written or else in any case (MISA's .NET binding ignores case).</summary>
    public static bool TryGet(JsonElement e, string name, out JsonElement value)
    {
        value = default;
        if (e.ValueKind != JsonValueKind.Object) return false;
        if (e.TryGetProperty(name, out value)) return true;
        foreach (var p in e.EnumerateObject())
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        return false;
    }

    public static string? Text(JsonElement e, string name) =>
        TryGet(e, name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => null,
            }
            : null;

    public static decimal? Number(JsonElement e, string name) =>
        Text(e, name) is { } s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static JsonElement Child(JsonElement e, string name) =>
        TryGet(e, name, out var v) ? v : default;

    /// <summary>
    /// A path of the reference's sale in a provider's names: <c>lines[i].field</c> → <c>{lines}[i].{fields[field]}</c>,
    /// other paths through <paramref name="others"/>; what neither names stays as it is.
    /// </summary>
    public static string Rename(string path, string lines, IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string> others)
    {
        var m = System.Text.RegularExpressions.Regex.Match(path, @"^lines\[(\d+)\](?:\.(\w+))?$");
        if (m.Success)
            return $"{lines}[{m.Groups[1].Value}]" + (m.Groups[2].Success ? "." + fields.GetValueOrDefault(m.Groups[2].Value, m.Groups[2].Value) : "");
        return others.GetValueOrDefault(path, path);
    }

    /// <summary>An ASCII rendering of the invoice for the representation file (PDF).</summary>
    public static byte[] Pdf(string provider, ReferenceProvider.Answer invoice, string transactionId, bool cancelled) => SimplePdf.Render(
    [
        $"HOA DON GIA TRI GIA TANG (khoi tao tu may tinh tien) - {provider} (provider simulator, not a legal document)",
        $"Ma cua CQT (MCCQT): {invoice.Text("code")}",
        $"Ky hieu: {invoice.Text("series")}   So: {invoice.Text("number")}",
        $"MST nguoi ban: {invoice.Text("taxCode")}",
        $"Ngay lap: {invoice.Text("issuedAt")}",
        $"Tong tien thanh toan: {invoice.Number("totalPayable").ToString("N0", CultureInfo.InvariantCulture)} VND",
        $"Bang chu: {invoice.Text("totalPayableInWords")}",
        $"Tra cuu: {invoice.Text("lookupUrl")}",
        $"Ma giao dich: {transactionId}",
        $"Trang thai: {invoice.Text("state")}{(cancelled ? " (da huy)" : "")}",
    ]);
}

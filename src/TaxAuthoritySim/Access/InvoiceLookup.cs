using System.Globalization;
using System.Xml;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Endpoints;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Access;

/// <summary>
/// Who may see a stored invoice through the look-up (the /lookup page and GET /api/v1/invoices/{mst}/{code}):
/// <list type="bullet">
/// <item>a buyer (no key) with the seller's MST, the code and the total to pay (TgTTTBSo) of that invoice —
/// rate-limited per client; a wrong total is the same "not found" as an unknown code;</item>
/// <item>a T-VAN (X-Api-Key, or its page login): invoices of packages it sent, without the total, not
/// rate-limited; another T-VAN's invoice only with the right total, as a buyer;</item>
/// <item>the operator (X-Admin-Key, or the admin page login): any invoice, without the total, not rate-limited.</item>
/// </list>
/// </summary>
public static class InvoiceLookup
{
    /// <summary>The outcome: the invoice and its package when visible to the caller; null otherwise.</summary>
    public sealed record Found(StoredInvoice Invoice, InboundMessage? Message);

    public static async Task<Found?> FindAsync(ISimulatorStore store, string mst, string code, decimal[] totals, Viewer viewer,
        CancellationToken ct)
    {
        var invoice = await store.GetInvoiceAsync(mst, code, ct);
        if (invoice is null) return null;
        if (viewer.IsAdmin) return new Found(invoice, await store.GetMessageAsync(invoice.MessageId, ct));
        InboundMessage? message = null;
        if (viewer.Tvan is { } tvan)
        {
            message = await store.GetMessageAsync(invoice.MessageId, ct);
            if (message?.TvanCode == tvan.Code) return new Found(invoice, message);
        }
        if (totals.Length == 0) return null;
        if (invoice.Total is { } stored) return totals.Contains(stored) ? new Found(invoice, message ?? await store.GetMessageAsync(invoice.MessageId, ct)) : null;

        // The store has no total for it (not expected): read TgTTTBSo from the stored invoice.
        message ??= await store.GetMessageAsync(invoice.MessageId, ct);
        return message is not null && TotalInXml(message.Body, invoice.Index) is { } total && totals.Contains(total)
            ? new Found(invoice, message) : null;
    }

    /// <summary>
    /// The amounts a typed total can mean, e.g. "1.234.567 đ" (Vietnamese grouping), "1,234,567", "1234567.5";
    /// empty when it is not an amount. At most two readings, so a guess is not made much cheaper.
    /// </summary>
    public static decimal[]? ParseTotal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var t = text.Trim();
        if (t.Length > 40) return null;
        foreach (var suffix in new[] { "VNĐ", "VND", "đ", "₫", "Đ" })
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) { t = t[..^suffix.Length].TrimEnd(); break; }
        t = t.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        if (t.Length == 0 || t.Any(c => !(char.IsAsciiDigit(c) || c is '.' or ',')) || !char.IsAsciiDigit(t[0])) return null;
        var readings = new List<decimal>(2);
        const NumberStyles style = NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands;
        if (decimal.TryParse(t, style, CultureInfo.InvariantCulture, out var invariant)) readings.Add(invariant);
        if (decimal.TryParse(t, style, Vietnamese, out var vi) && !readings.Contains(vi)) readings.Add(vi);
        return readings.Count == 0 ? null : [.. readings];
    }

    private static readonly NumberFormatInfo Vietnamese = new()
    {
        NumberDecimalSeparator = ",", NumberGroupSeparator = ".", CurrencyDecimalSeparator = ",", CurrencyGroupSeparator = ".",
    };

    private static decimal? TotalInXml(byte[] package, int index)
    {
        try
        {
            if (InvoiceXml.Extract(package, index) is not { } xml) return null;
            var doc = new XmlDocument();
            using (var reader = XmlReader.Create(new StringReader(xml), SafeXml.ReaderSettings())) doc.Load(reader);
            var node = doc.SelectSingleNode("//TToan/TgTTTBSo");
            return node is not null && decimal.TryParse(node.InnerText.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v)
                ? v : null;
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            return null;
        }
    }
}

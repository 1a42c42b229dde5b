using System.Globalization;
using System.Text.Json;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// The content rules of the judgement (docs/provider-sim.md, the catalogue) for the JSON profiles: what an issue request
/// must carry (<c>required-fields</c>), whether the totals it claims add up (<c>totals</c>: lines → net, net + tax → total)
/// and whether its total in words reads as its total (<c>amount-in-words</c>) — in each provider's own field names.
/// </summary>
public static class JsonJudgeRules
{
    public static readonly IReadOnlyList<string> Rules = ["required-fields", "totals", "amount-in-words"];

    /// <summary>Viettel createInvoice: generalInvoiceInfo, itemInfo[], summarizeInfo.</summary>
    public static IEnumerable<(string, string)> Viettel(string body)
    {
        if (Parse(body) is not { } root) yield break;
        var general = BackendContext.Child(root, "generalInvoiceInfo");
        foreach (var f in new[] { "templateCode", "invoiceSeries", "currencyCode", "transactionUuid" })
            if (Missing(general, f)) yield return ("required-fields", $"generalInvoiceInfo.{f} is missing");
        var items = Items(root, "itemInfo");
        if (items.Count == 0) yield return ("required-fields", "itemInfo has no line");
        var summary = BackendContext.Child(root, "summarizeInfo");
        foreach (var f in new[] { "totalAmountWithoutTax", "totalTaxAmount", "totalAmountWithTax" })
            if (Missing(summary, f)) yield return ("required-fields", $"summarizeInfo.{f} is missing");
        decimal lines = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if ((BackendContext.Number(item, "selection") ?? 1) == 2) continue; // a note line
            foreach (var f in new[] { "itemName", "unitName", "quantity", "unitPrice", "taxPercentage" })
                if (Missing(item, f)) yield return ("required-fields", $"itemInfo[{i}].{f} is missing");
            var net = (BackendContext.Number(item, "quantity") ?? 0) * Math.Abs(BackendContext.Number(item, "unitPrice") ?? 0) - (BackendContext.Number(item, "itemDiscount") ?? 0);
            if (BackendContext.Number(item, "itemTotalAmountWithoutTax") is { } written && Math.Abs(written) != net)
                yield return ("totals", $"itemInfo[{i}].itemTotalAmountWithoutTax {Money(written)} is not quantity × unitPrice − itemDiscount = {Money(net)}");
            lines += BackendContext.Number(item, "itemTotalAmountWithoutTax") is { } w ? Math.Abs(w) : net;
        }
        foreach (var f in Totals("summarizeInfo", summary, "totalAmountWithoutTax", "totalTaxAmount", "totalAmountWithTax", lines, items.Count > 0)) yield return f;
        foreach (var f in Words("summarizeInfo.totalAmountWithTaxInWords", BackendContext.Text(summary, "totalAmountWithTaxInWords"),
                     BackendContext.Number(summary, "totalAmountWithTax"), required: false)) yield return f;
    }

    /// <summary>MISA invoice: each InvoiceData[] with OriginalInvoiceDetail[] and its totals.</summary>
    public static IEnumerable<(string, string)> Misa(string body)
    {
        if (Parse(body) is not { } root) yield break;
        var invoices = Items(root, "InvoiceData");
        if (invoices.Count == 0) yield return ("required-fields", "InvoiceData has no invoice");
        for (var n = 0; n < invoices.Count; n++)
        {
            var inv = invoices[n];
            var at = $"InvoiceData[{n}]";
            foreach (var f in new[] { "RefID", "InvSeries", "InvDate", "CurrencyCode", "TotalAmountWithoutVATOC", "TotalVATAmountOC", "TotalAmountOC" })
                if (Missing(inv, f)) yield return ("required-fields", $"{at}.{f} is missing");
            var details = Items(inv, "OriginalInvoiceDetail");
            if (details.Count == 0) yield return ("required-fields", $"{at}.OriginalInvoiceDetail has no line");
            decimal lines = 0;
            for (var i = 0; i < details.Count; i++)
            {
                var d = details[i];
                if ((BackendContext.Number(d, "ItemType") ?? 1) == 4) continue;
                foreach (var f in new[] { "ItemName", "UnitName", "Quantity", "UnitPrice", "VATRateName" })
                    if (Missing(d, f)) yield return ("required-fields", $"{at}.OriginalInvoiceDetail[{i}].{f} is missing");
                var net = (BackendContext.Number(d, "Quantity") ?? 0) * (BackendContext.Number(d, "UnitPrice") ?? 0) - (BackendContext.Number(d, "DiscountAmountOC") ?? 0);
                var written = BackendContext.Number(d, "AmountWithoutVATOC") ?? BackendContext.Number(d, "AmountOC");
                if (written is { } w && w != net)
                    yield return ("totals", $"{at}.OriginalInvoiceDetail[{i}].AmountWithoutVATOC {Money(w)} is not Quantity × UnitPrice − DiscountAmountOC = {Money(net)}");
                lines += written ?? net;
            }
            foreach (var f in Totals(at, inv, "TotalAmountWithoutVATOC", "TotalVATAmountOC", "TotalAmountOC", lines, details.Count > 0)) yield return f;
            foreach (var f in Words($"{at}.TotalAmountInWords", BackendContext.Text(inv, "TotalAmountInWords"), BackendContext.Number(inv, "TotalAmountOC"), required: false))
                yield return f;
        }
    }

    /// <summary>Net = the lines' sum; net + tax = total — as the POS wrote them.</summary>
    public static IEnumerable<(string, string)> Totals(string at, JsonElement e, string netName, string taxName, string totalName, decimal lines, bool haveLines)
    {
        var (net, tax, total) = (BackendContext.Number(e, netName), BackendContext.Number(e, taxName), BackendContext.Number(e, totalName));
        return Totals(at, netName, taxName, totalName, net, tax, total, lines, haveLines);
    }

    public static IEnumerable<(string, string)> Totals(string at, string netName, string taxName, string totalName,
        decimal? net, decimal? tax, decimal? total, decimal lines, bool haveLines)
    {
        if (haveLines && net is { } n && Math.Abs(n) != lines)
            yield return ("totals", $"{at}.{netName} {Money(n)} is not the lines' sum {Money(lines)}");
        if (net is { } a && tax is { } t && total is { } s && Math.Abs(a) + Math.Abs(t) != Math.Abs(s))
            yield return ("totals", $"{at}.{totalName} {Money(s)} is not {netName} + {taxName} = {Money(Math.Abs(a) + Math.Abs(t))}");
    }

    /// <summary>The total in words read back as a number (<see cref="VietnameseAmountInWords"/>) equals the total.</summary>
    public static IEnumerable<(string, string)> Words(string at, string? words, decimal? total, bool required)
    {
        if (string.IsNullOrWhiteSpace(words))
        {
            if (required) yield return ("required-fields", $"{at} is missing");
            yield break;
        }
        if (total is not { } t) yield break;
        if (!VietnameseAmountInWords.TryParse(words, out var read))
            yield return ("amount-in-words", $"{at} '{words}' does not read as an amount");
        else if (read != (long)Math.Abs(t))
            yield return ("amount-in-words", $"{at} '{words}' reads {Money(read)}, the total is {Money(t)}");
    }

    private static JsonElement? Parse(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<JsonElement> Items(JsonElement e, string name) =>
        BackendContext.Child(e, name) is { ValueKind: JsonValueKind.Array } a ? [.. a.EnumerateArray()] : [];

    private static bool Missing(JsonElement e, string name) => string.IsNullOrWhiteSpace(BackendContext.Text(e, name));

    public static string Money(decimal d) => d.ToString("#,0.##", CultureInfo.InvariantCulture);
}

using System.Globalization;
using ConformanceKit.TaxAuthoritySim.Corrections;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Pages;

/// <summary>An invoice's state and chain as the pages say it: cancelled, replaced by X, adjusted by Y, replaces / adjusts Z.</summary>
internal static class ChainView
{
    /// <summary>Invoices of one package whose chain the operator page reads (two look-ups each).</summary>
    public const int MaxStates = 200;

    public static async Task<IReadOnlyDictionary<string, InvoiceState>> StatesAsync(ISimulatorStore store, IReadOnlyList<StoredInvoice> invoices,
        CancellationToken ct)
    {
        var states = new Dictionary<string, InvoiceState>(StringComparer.Ordinal);
        foreach (var i in invoices.Take(MaxStates))
            states[i.Code] = await InvoiceChains.StateAsync(store, i, ct);
        return states;
    }

    /// <summary>The seller's stored invoices a 303 names (by MCCQT), in the notice's order; none when it cannot be read.</summary>
    public static async Task<IReadOnlyList<StoredInvoice>> ConcernedAsync(ISimulatorStore store, InboundMessage message, CancellationToken ct)
    {
        Einvoice.Model.ErroneousInvoiceNotice notice;
        try { notice = Einvoice.Serialization.MessageReader.Read<Einvoice.Model.ErroneousInvoiceNotice>(message.Body); }
        catch (Exception e) when (e is Einvoice.Serialization.MessageFormatException or System.Xml.XmlException) { return []; }
        var found = new List<StoredInvoice>();
        foreach (var code in notice.Invoices.Select(i => i.Code).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxStates))
            if (message.TaxCode is { } mst && await store.GetInvoiceAsync(mst, code, ct) is { } invoice)
                found.Add(invoice);
        return found;
    }

    /// <summary>A 301's verdicts, after the response's summary rows (closes their list).</summary>
    public static void Reply(HtmlBuilder h, Einvoice.Model.ErroneousInvoiceReply reply)
    {
        h.Add($"</dl><div class=\"scroll\"><table class=\"reply\"><thead><tr><th class=\"num\">STT</th><th>MCCQT</th><th>TCTBao</th><th>TTTNCCQT</th><th>Lý do / Reasons</th></tr></thead><tbody>");
        foreach (var i in reply.Invoices)
        {
            var action = i.Action switch { 1 => "1 hủy / cancel", 2 => "2 điều chỉnh / adjust", 3 => "3 thay thế / replace", 4 => "4 giải trình / explain", _ => "—" };
            var verdict = i.Accepted == 1 ? "1 tiếp nhận / accepted" : "2 không tiếp nhận / not accepted";
            var reasons = string.Join("; ", (i.Reasons ?? []).Select(r => r.Code + " " + r.Description));
            h.Add($"<tr><td class=\"num\">{i.Index?.ToString(CultureInfo.InvariantCulture) ?? ""}</td><td class=\"mono\">{i.Code}</td><td>{action}</td><td>{verdict}</td><td>{Html.Or(reasons)}</td></tr>");
        }
        h.Add($"</tbody></table></div>");
    }

    /// <summary>Vietnamese, for the buyer's look-up page.</summary>
    public static string StateVi(InvoiceState s)
    {
        var parts = new List<string>(3);
        if (s.Cancellation is { } c)
            parts.Add($"Đã bị hủy (thông báo 04/SS-HĐĐT {c.MessageId}" + (string.IsNullOrWhiteSpace(c.Reason) ? ")" : $", lý do: {c.Reason})"));
        if (s.IsReplaced) parts.Add("Đã bị thay thế bởi hóa đơn " + Codes(s.ReplacedBy));
        if (s.IsAdjusted) parts.Add("Đã được điều chỉnh bởi hóa đơn " + Codes(s.AdjustedBy));
        return parts.Count == 0 ? "Hóa đơn đang có hiệu lực" : string.Join("; ", parts);
    }

    /// <summary>Vietnamese: which invoice this one replaces or adjusts; null for an ordinary invoice.</summary>
    public static string? RelatedVi(StoredInvoice i) => i.RelationKind switch
    {
        1 => "Thay thế cho hóa đơn " + Related(i),
        2 => "Điều chỉnh cho hóa đơn " + Related(i),
        _ => null,
    };

    /// <summary>English, for the operator pages: "cancelled by …; replaced by …; adjusts 1/C25MAA/12".</summary>
    public static string StateEn(InvoiceState s)
    {
        var parts = new List<string>(4);
        if (s.Cancellation is { } c) parts.Add($"cancelled by {c.MessageId}");
        if (s.IsReplaced) parts.Add("replaced by " + Codes(s.ReplacedBy));
        if (s.IsAdjusted) parts.Add("adjusted by " + Codes(s.AdjustedBy));
        if (s.Invoice.RelationKind == 1) parts.Add("replaces " + Related(s.Invoice));
        if (s.Invoice.RelationKind == 2) parts.Add("adjusts " + Related(s.Invoice));
        return parts.Count == 0 ? "issued" : string.Join("; ", parts);
    }

    private static string Codes(IReadOnlyList<StoredInvoice> invoices) => string.Join(", ", invoices.Select(i => i.Code));

    private static string Related(StoredInvoice i) =>
        $"{i.RelatedForm}/{i.RelatedSeries}/{i.RelatedNumber}" +
        (i.RelatedIssuedOn is { } d ? " (" + d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + ")" : "");
}

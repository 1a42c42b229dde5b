namespace ConformanceKit.Einvoice.Model;

/// <summary>HDon of a 301 — the authority's verdict on one invoice of a 303.</summary>
public sealed class ErroneousInvoiceResult : ErroneousInvoiceBase
{
    /// <summary>TTTNCCQT — 1 accepted, 2 not accepted.</summary>
    public int? Accepted { get; set; }

    /// <summary>DSLDKTNhan/LDo — reasons for not accepting; null when absent.</summary>
    public List<Reason>? Reasons { get; set; }
}

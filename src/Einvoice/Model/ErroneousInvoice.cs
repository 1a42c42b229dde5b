namespace ConformanceKit.Einvoice.Model;

/// <summary>HDon of a 303 — one erroneous invoice and what the seller does about it.</summary>
public sealed class ErroneousInvoice : ErroneousInvoiceBase
{
    /// <summary>LDo — reason (free text).</summary>
    public string? Reason { get; set; }
}

namespace ConformanceKit.Einvoice.Model;

/// <summary>MLTDiep 301 — Form 01/TB-HĐSS, the authority's reply to a 303.</summary>
public sealed class ErroneousInvoiceReply : NoticeMessage
{
    public override string? TypeCode => "301";

    /// <summary>MGDDTu — id of the 303 answered.</summary>
    public string? TransactionId { get; set; }

    /// <summary>DSHDon/HDon — the verdict per invoice.</summary>
    public List<ErroneousInvoiceResult> Invoices { get; set; } = [];
}

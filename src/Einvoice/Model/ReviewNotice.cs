namespace ConformanceKit.Einvoice.Model;

/// <summary>MLTDiep 302 — Form 01/TB-RSĐT, invoices the taxpayer must review and explain.</summary>
public sealed class ReviewNotice : NoticeMessage
{
    public override string? TypeCode => "302";

    /// <summary>HGTrinh (hạn giải trình) — deadline to explain.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>DSHDon/HDon — the invoices to review.</summary>
    public List<ReviewedInvoice> Invoices { get; set; } = [];
}

namespace ConformanceKit.Einvoice.Model;

/// <summary>MLTDiep 303 — Form 04/SS-HĐĐT, the seller's notice of erroneous cash-register invoices.</summary>
public sealed class ErroneousInvoiceNotice : NoticeMessage
{
    public override string? TypeCode => "303";

    /// <summary>Loai — 1 own notice, 2 answering a tax-authority notice.</summary>
    public int? Kind { get; set; }

    /// <summary>NTBCCQT — date of the tax authority's notice being answered (Loai 2).</summary>
    public DateOnly? AuthorityNoticeDate { get; set; }

    /// <summary>MCQT — tax office code.</summary>
    public string? TaxOfficeCode { get; set; }

    /// <summary>TCQT — tax office name.</summary>
    public string? TaxOfficeName { get; set; }

    /// <summary>DSHDon/HDon — the invoices concerned.</summary>
    public List<ErroneousInvoice> Invoices { get; set; } = [];
}

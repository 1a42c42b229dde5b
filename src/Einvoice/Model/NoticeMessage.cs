namespace ConformanceKit.Einvoice.Model;

/// <summary>
/// DLieu/TBao{DLTBao, DSCKS} — the fields every notice form shares. Each subclass writes them in
/// its own form's order.
/// </summary>
public abstract class NoticeMessage : Message
{
    /// <summary>DLTBao/@Id — what the signature references.</summary>
    public string? DataId { get; set; }

    /// <summary>PBan — format version.</summary>
    public string? Version { get; set; }

    /// <summary>MSo — form number, e.g. "01/TB-KTDL".</summary>
    public string? FormNumber { get; set; }

    /// <summary>Ten — title of the notice.</summary>
    public string? Title { get; set; }

    /// <summary>So — notice number.</summary>
    public string? Number { get; set; }

    /// <summary>DDanh — place.</summary>
    public string? Place { get; set; }

    /// <summary>NTBao — notice date.</summary>
    public DateOnly? NoticeDate { get; set; }

    /// <summary>MST — taxpayer's tax code.</summary>
    public string? TaxCode { get; set; }

    /// <summary>TNNT — taxpayer's name.</summary>
    public string? TaxpayerName { get; set; }

    /// <summary>Inner XML of TBao/DSCKS, verbatim; null when absent.</summary>
    public string? SignaturesXml { get; set; }
}

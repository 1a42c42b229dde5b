namespace ConformanceKit.Einvoice.Model;

/// <summary>MLTDiep 100 — Form 01/ĐKTĐ-HĐĐT, registration (DLieu/TKhai{DLTKhai, DSCKS}).</summary>
public sealed class Registration : Message
{
    public override string? TypeCode => "100";

    /// <summary>DLTKhai/@Id — what the taxpayer's signature references.</summary>
    public string? DataId { get; set; }

    /// <summary>PBan — format version.</summary>
    public string? Version { get; set; }

    /// <summary>MSo — form number (01/ĐKTĐ-HĐĐT).</summary>
    public string? FormNumber { get; set; }

    /// <summary>Ten — title.</summary>
    public string? Title { get; set; }

    /// <summary>HThuc — 1 new registration, 2 change.</summary>
    public int? Kind { get; set; }

    /// <summary>TNNT — taxpayer's name.</summary>
    public string? TaxpayerName { get; set; }

    /// <summary>MST — taxpayer's tax code.</summary>
    public string? TaxCode { get; set; }

    /// <summary>CQTQLy — managing tax office name.</summary>
    public string? TaxOfficeName { get; set; }

    /// <summary>MCQTQLy — managing tax office code.</summary>
    public string? TaxOfficeCode { get; set; }

    /// <summary>NLHe — contact person.</summary>
    public string? ContactName { get; set; }

    /// <summary>DCLHe — contact address.</summary>
    public string? ContactAddress { get; set; }

    /// <summary>DCTDTu — contact e-mail.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>DTLHe — contact phone.</summary>
    public string? ContactPhone { get; set; }

    /// <summary>DDanh — place.</summary>
    public string? Place { get; set; }

    /// <summary>NLap — date made.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>NDTKhai/HTHDon — invoice methods chosen; null when absent.</summary>
    public InvoiceMethodFlags? InvoiceMethods { get; set; }

    /// <summary>NDTKhai/HTGDLHDDT — how invoice data is sent; null when absent.</summary>
    public TransmissionFlags? Transmission { get; set; }

    /// <summary>NDTKhai/PThuc — full or summary transfer; null when absent.</summary>
    public TransferMethodFlags? TransferMethod { get; set; }

    /// <summary>NDTKhai/LHDSDung — invoice forms used; null when absent.</summary>
    public FormsUsedFlags? FormsUsed { get; set; }

    /// <summary>NDTKhai/DSCTSSDung/CTS — certificates used; null when absent.</summary>
    public List<CertificateEntry>? Certificates { get; set; }

    /// <summary>Inner XML of TKhai/DSCKS (NNT), verbatim; null when absent.</summary>
    public string? SignaturesXml { get; set; }
}

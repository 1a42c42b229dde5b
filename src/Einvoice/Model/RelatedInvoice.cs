namespace ConformanceKit.Einvoice.Model;

/// <summary>TTHDLQuan — the invoice a replacement or adjustment refers to.</summary>
public sealed class RelatedInvoice
{
    /// <summary>TCHDon — 1 replacement, 2 adjustment.</summary>
    public int? Kind { get; set; }

    /// <summary>LHDCLQuan — kind of the related invoice (1..4).</summary>
    public int? RelatedKind { get; set; }

    /// <summary>KHMSHDCLQuan — form number of the related invoice.</summary>
    public string? FormNumber { get; set; }

    /// <summary>KHHDCLQuan — series of the related invoice.</summary>
    public string? Series { get; set; }

    /// <summary>SHDCLQuan — number of the related invoice.</summary>
    public string? Number { get; set; }

    /// <summary>NLHDCLQuan — issue date of the related invoice.</summary>
    public DateOnly? IssueDate { get; set; }

    /// <summary>GChu — note.</summary>
    public string? Note { get; set; }

    /// <summary>SBKCLQuan — list replaced/adjusted, when one notice covers many invoices; 2.1.0.</summary>
    public string? ListNumber { get; set; }

    /// <summary>NBKCLQuan — date of that list; 2.1.0.</summary>
    public DateOnly? ListDate { get; set; }
}

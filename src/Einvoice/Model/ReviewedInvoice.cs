namespace ConformanceKit.Einvoice.Model;

/// <summary>HDon of a 302 — one invoice to review and why.</summary>
public sealed class ReviewedInvoice
{
    /// <summary>STT — index.</summary>
    public int? Index { get; set; }

    /// <summary>KHMSHDon — form number.</summary>
    public string? FormNumber { get; set; }

    /// <summary>KHHDon — series.</summary>
    public string? Series { get; set; }

    /// <summary>SHDon — number.</summary>
    public string? Number { get; set; }

    /// <summary>MCCQT — the invoice's code.</summary>
    public string? Code { get; set; }

    /// <summary>NLap — date of issue.</summary>
    public DateOnly? IssueDate { get; set; }

    /// <summary>DSLDo/LDo — reasons; null when absent.</summary>
    public List<Reason>? Reasons { get; set; }
}

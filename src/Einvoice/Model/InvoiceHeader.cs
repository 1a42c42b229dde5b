namespace ConformanceKit.Einvoice.Model;

/// <summary>TTChung of DLHDon — the invoice's general information.</summary>
public sealed class InvoiceHeader
{
    /// <summary>PBan — format version.</summary>
    public string? Version { get; set; }

    /// <summary>THDon — invoice name ("Hóa đơn giá trị gia tăng", "Hóa đơn bán hàng").</summary>
    public string? Name { get; set; }

    /// <summary>KHMSHDon — form number (1 VAT, 2 sales…).</summary>
    public string? FormNumber { get; set; }

    /// <summary>KHHDon — invoice series symbol; 4th character M for cash registers.</summary>
    public string? Series { get; set; }

    /// <summary>SHDon — invoice number, kept as written.</summary>
    public string? Number { get; set; }

    /// <summary>NLap — date of issue.</summary>
    public DateOnly? IssueDate { get; set; }

    /// <summary>DVTTe — currency.</summary>
    public string? Currency { get; set; }

    /// <summary>TGia — exchange rate.</summary>
    public decimal? ExchangeRate { get; set; }

    /// <summary>HTTToan — payment method (free text).</summary>
    public string? PaymentMethod { get; set; }

    /// <summary>HDCTTChinh — finance-lease invoice flag (1 yes, 0 no); 2.1.0.</summary>
    public int? FinanceLease { get; set; }

    /// <summary>SBKe — number of the attached list (bảng kê); 2.1.0.</summary>
    public string? ListNumber { get; set; }

    /// <summary>NBKe — date of the attached list; 2.1.0.</summary>
    public DateOnly? ListDate { get; set; }

    /// <summary>MSTTCGP — MST of the e-invoice solution provider.</summary>
    public string? ProviderTaxCode { get; set; }

    /// <summary>TTHDLQuan — the invoice this one replaces or adjusts.</summary>
    public RelatedInvoice? RelatedInvoice { get; set; }

    /// <summary>TTKhac; null when absent, empty when &lt;TTKhac/&gt;.</summary>
    public List<ExtraField>? ExtraFields { get; set; }
}

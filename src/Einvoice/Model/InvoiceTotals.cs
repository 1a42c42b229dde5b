namespace ConformanceKit.Einvoice.Model;

/// <summary>TToan — invoice totals. Tax totals are optional on sales invoices (form 2).</summary>
public sealed class InvoiceTotals
{
    /// <summary>THTTLTSuat/LTSuat — totals per VAT rate; null when absent.</summary>
    public List<RateTotal>? RateTotals { get; set; }

    /// <summary>TgTCThue — total before tax.</summary>
    public decimal? TotalBeforeTax { get; set; }

    /// <summary>TgTThue — total tax.</summary>
    public decimal? TotalTax { get; set; }

    /// <summary>DSLPhi/LPhi — other fees; null when absent.</summary>
    public List<OtherFee>? OtherFees { get; set; }

    /// <summary>TTCKTMai — total trade discount.</summary>
    public decimal? TotalTradeDiscount { get; set; }

    /// <summary>TGTKCThue — non-taxable deductions; 2.1.0.</summary>
    public decimal? NonTaxableDeductions { get; set; }

    /// <summary>TGTKhac — other deductions; 2.1.0.</summary>
    public decimal? OtherDeductions { get; set; }

    /// <summary>TgTTTBSo — total to pay, in figures.</summary>
    public decimal? TotalPayable { get; set; }

    /// <summary>TgTTTBChu — total to pay, in Vietnamese words.</summary>
    public string? TotalPayableInWords { get; set; }

    /// <summary>TTKhac; null when absent, empty when &lt;TTKhac/&gt;.</summary>
    public List<ExtraField>? ExtraFields { get; set; }
}

/// <summary>LTSuat — totals for one VAT rate.</summary>
public sealed class RateTotal
{
    /// <summary>TSuat — VAT rate.</summary>
    public string? VatRate { get; set; }

    /// <summary>ThTien — amount before tax at this rate.</summary>
    public decimal? Amount { get; set; }

    /// <summary>TThue — tax at this rate.</summary>
    public decimal? Tax { get; set; }
}

/// <summary>LPhi — one other fee.</summary>
public sealed class OtherFee
{
    /// <summary>TLPhi — fee name.</summary>
    public string? Name { get; set; }

    /// <summary>TPhi — fee amount.</summary>
    public decimal? Amount { get; set; }
}

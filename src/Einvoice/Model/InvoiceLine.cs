namespace ConformanceKit.Einvoice.Model;

/// <summary>HHDVu — one line of goods or services.</summary>
public sealed class InvoiceLine
{
    /// <summary>TChat — 1 goods/service, 2 promotion, 3 trade discount, 4 note, 5 goods with specific info.</summary>
    public int? Kind { get; set; }

    /// <summary>STT — line number.</summary>
    public int? LineNumber { get; set; }

    /// <summary>MHHDVu — item code.</summary>
    public string? ItemCode { get; set; }

    /// <summary>THHDVu — item name.</summary>
    public string? ItemName { get; set; }

    /// <summary>DVTinh — unit.</summary>
    public string? Unit { get; set; }

    /// <summary>SLuong — quantity.</summary>
    public decimal? Quantity { get; set; }

    /// <summary>DGia — unit price.</summary>
    public decimal? UnitPrice { get; set; }

    /// <summary>TLCKhau — discount rate (%).</summary>
    public decimal? DiscountRate { get; set; }

    /// <summary>STCKhau — discount amount.</summary>
    public decimal? DiscountAmount { get; set; }

    /// <summary>ThTien — amount before tax.</summary>
    public decimal? Amount { get; set; }

    /// <summary>TSuat — VAT rate: 0%, 5%, 8%, 10%, KCT, KKKNT, KHAC:AB.CD.</summary>
    public string? VatRate { get; set; }

    /// <summary>TTHHDTrung — specific information (TChat 5); null when absent.</summary>
    public List<SpecificInfo>? SpecificInfo { get; set; }

    /// <summary>TTKhac; null when absent, empty when &lt;TTKhac/&gt;.</summary>
    public List<ExtraField>? ExtraFields { get; set; }
}

namespace ConformanceKit.Einvoice.Model;

// The 0/1 flag groups of a registration's NDTKhai. Flags stay int? so a missing one is visible.

/// <summary>HTHDon — invoice methods.</summary>
public sealed class InvoiceMethodFlags
{
    /// <summary>CMa — coded invoices.</summary>
    public int? Coded { get; set; }

    /// <summary>CMTMTTien — coded, generated from a cash register.</summary>
    public int? CashRegister { get; set; }

    /// <summary>KCMa — invoices without a code.</summary>
    public int? NotCoded { get; set; }
}

/// <summary>HTGDLHDDT — how invoice data is sent.</summary>
public sealed class TransmissionFlags
{
    /// <summary>NNTDBKKhan — taxpayer in an area with special difficulties.</summary>
    public int? DifficultArea { get; set; }

    /// <summary>NNTKTDNUBND — taxpayer on the provincial People's Committee list.</summary>
    public int? ProvincialList { get; set; }

    /// <summary>CDLTTDCQT — sends data directly to the tax authority.</summary>
    public int? DirectToAuthority { get; set; }

    /// <summary>CDLQTCTN — sends data through a provider (T-VAN).</summary>
    public int? ViaProvider { get; set; }
}

/// <summary>PThuc — how data is transferred.</summary>
public sealed class TransferMethodFlags
{
    /// <summary>CDDu — full content of each invoice.</summary>
    public int? FullContent { get; set; }

    /// <summary>CBTHop — summary tables.</summary>
    public int? Summary { get; set; }
}

/// <summary>LHDSDung — invoice forms used.</summary>
public sealed class FormsUsedFlags
{
    /// <summary>HDGTGT — VAT invoice.</summary>
    public int? VatInvoice { get; set; }

    /// <summary>HDBHang — sales invoice.</summary>
    public int? SalesInvoice { get; set; }

    /// <summary>HDBTSCong — public-asset sale invoice.</summary>
    public int? PublicAssetSale { get; set; }

    /// <summary>HDBHDTQGia — national-reserve sale invoice.</summary>
    public int? NationalReserveSale { get; set; }

    /// <summary>HDKhac — other invoices.</summary>
    public int? Other { get; set; }

    /// <summary>CTu — documents (chứng từ).</summary>
    public int? Documents { get; set; }
}

/// <summary>CTS of DSCTSSDung — one digital certificate the taxpayer uses.</summary>
public sealed class CertificateEntry
{
    /// <summary>STT — index.</summary>
    public int? Index { get; set; }

    /// <summary>TTChuc — issuing organisation.</summary>
    public string? Issuer { get; set; }

    /// <summary>Seri — certificate serial number.</summary>
    public string? Serial { get; set; }

    /// <summary>TNgay — valid from.</summary>
    public DateTime? ValidFrom { get; set; }

    /// <summary>DNgay — valid to.</summary>
    public DateTime? ValidTo { get; set; }

    /// <summary>HThuc — 1 add, 2 renew, 3 stop.</summary>
    public int? Action { get; set; }
}

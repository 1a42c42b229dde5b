namespace ConformanceKit.Einvoice.Model;

/// <summary>HDon — one cash-register invoice (VAT form 1 or sales form 2).</summary>
public sealed class CashRegisterInvoice
{
    /// <summary>Prefixed namespace declarations on HDon (real invoices carry xmlns:ds / xmlns:inv).</summary>
    public List<NamespaceDeclaration>? Namespaces { get; set; }

    /// <summary>DLHDon/@Id — what signatures over the invoice data reference.</summary>
    public string? InvoiceDataId { get; set; }

    /// <summary>DLHDon/TTChung — invoice header.</summary>
    public InvoiceHeader General { get; set; } = new();

    /// <summary>NDHDon/NBan — seller.</summary>
    public Party Seller { get; set; } = new();

    /// <summary>NDHDon/NMua — buyer; null when absent (optional for cash-register invoices).</summary>
    public Party? Buyer { get; set; }

    /// <summary>NDHDon/DSHHDVu/HHDVu — lines.</summary>
    public List<InvoiceLine> Lines { get; set; } = [];

    /// <summary>NDHDon/TToan — totals.</summary>
    public InvoiceTotals Totals { get; set; } = new();

    /// <summary>DLHDon/TTKhac (after NDHDon); null when absent, empty when &lt;TTKhac/&gt;.</summary>
    public List<ExtraField>? ExtraFields { get; set; }

    /// <summary>DLQRCode — QR payload; "" allowed.</summary>
    public string? QrCode { get; set; }

    /// <summary>MCCQT — the 23-character cash-register code (34 for an ordinary coded invoice).</summary>
    public string? Code { get; set; }

    /// <summary>MCCQT/@Id — present when the authority signs the code.</summary>
    public string? CodeId { get; set; }

    /// <summary>Inner XML of DSCKS (NBan, NMua, CCKSKhac, CQT), verbatim; null when absent.</summary>
    public string? SignaturesXml { get; set; }
}

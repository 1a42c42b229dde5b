namespace ConformanceKit.Einvoice.Model;

/// <summary>The fields a 303 invoice entry and its 301 verdict share: which invoice, and what is done.</summary>
public abstract class ErroneousInvoiceBase
{
    /// <summary>STT — index.</summary>
    public int? Index { get; set; }

    /// <summary>MCCQT — the invoice's code.</summary>
    public string? Code { get; set; }

    /// <summary>KHMSHDon — form number.</summary>
    public string? FormNumber { get; set; }

    /// <summary>KHHDon — series.</summary>
    public string? Series { get; set; }

    /// <summary>SHDon — number.</summary>
    public string? Number { get; set; }

    /// <summary>Ngay — invoice date.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>LADHDDT — kind of e-invoice applied.</summary>
    public int? InvoiceKind { get; set; }

    /// <summary>TCTBao — 1 cancel, 2 adjust, 3 replace, 4 explain.</summary>
    public int? Action { get; set; }
}

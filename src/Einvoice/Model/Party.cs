namespace ConformanceKit.Einvoice.Model;

/// <summary>NBan (seller) or NMua (buyer). Buyer-only fields stay null on a seller.</summary>
public sealed class Party
{
    /// <summary>Ten — name.</summary>
    public string? Name { get; set; }

    /// <summary>MST — tax code.</summary>
    public string? TaxCode { get; set; }

    /// <summary>DChi — address.</summary>
    public string? Address { get; set; }

    /// <summary>MKHang — customer code (buyer).</summary>
    public string? CustomerCode { get; set; }

    /// <summary>SDThoai — phone.</summary>
    public string? Phone { get; set; }

    /// <summary>DCTDTu — e-mail.</summary>
    public string? Email { get; set; }

    /// <summary>HVTNMHang — the buyer's personal name (buyer).</summary>
    public string? BuyerPersonName { get; set; }

    /// <summary>STKNHang — bank account number.</summary>
    public string? BankAccount { get; set; }

    /// <summary>TNHang — bank name.</summary>
    public string? BankName { get; set; }

    /// <summary>Fax.</summary>
    public string? Fax { get; set; }

    /// <summary>Website.</summary>
    public string? Website { get; set; }

    /// <summary>MCHang — store code (seller, 2.1.0).</summary>
    public string? StoreCode { get; set; }

    /// <summary>TCHang — store name (seller, 2.1.0).</summary>
    public string? StoreName { get; set; }

    /// <summary>CCCDan — personal ID number (buyer).</summary>
    public string? PersonalId { get; set; }

    /// <summary>SHChieu — passport / entry-exit document number (buyer, 2.1.0).</summary>
    public string? PassportNumber { get; set; }

    /// <summary>MDVQHNSach — budget-relationship unit code (buyer, 2.1.0).</summary>
    public string? BudgetUnitCode { get; set; }

    /// <summary>TTKhac; null when absent, empty when &lt;TTKhac/&gt;.</summary>
    public List<ExtraField>? ExtraFields { get; set; }
}

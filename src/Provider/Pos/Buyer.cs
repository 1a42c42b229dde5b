namespace ConformanceKit.Provider.Pos;

/// <summary>
/// The buyer, when they ask for an invoice in their name (all optional on a cash-register invoice).
/// </summary>
/// <param name="Name">HVTNMHang — the person's name (or Ten when <paramref name="TaxCode"/> is given: a company).</param>
/// <param name="Address">DChi.</param>
/// <param name="TaxCode">MST.</param>
/// <param name="PersonalId">CCCDan — 12-digit personal ID number.</param>
/// <param name="Phone">SDThoai.</param>
public sealed record Buyer(
    string? Name = null,
    string? Address = null,
    string? TaxCode = null,
    string? PersonalId = null,
    string? Phone = null);

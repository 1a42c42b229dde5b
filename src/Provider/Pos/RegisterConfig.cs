namespace ConformanceKit.Provider.Pos;

/// <summary>A cash register: who sells through it and which block and form its invoices use.</summary>
/// <param name="RegisterId">Names the register in the store ("quay-1").</param>
/// <param name="SellerTaxCode">The seller's MST.</param>
/// <param name="SellerName">NBan/Ten.</param>
/// <param name="SellerAddress">NBan/DChi.</param>
/// <param name="Block">C5–C9, issued by the tax authority; may be shared with other registers.</param>
/// <param name="Form">KHMSHDon: 1 VAT invoice, 2 sales invoice.</param>
/// <param name="SeriesSellerPart">KHHDon characters 5–6 ("YY" when the seller has no preference).</param>
public sealed record RegisterConfig(
    string RegisterId,
    string SellerTaxCode,
    string SellerName,
    string SellerAddress,
    string Block,
    int Form = 1,
    string SeriesSellerPart = "YY");

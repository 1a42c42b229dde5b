namespace ConformanceKit.Einvoice.Samples;

/// <summary>
/// The demo taxpayer and T-VAN. The simulator's demo seed uses the same values, so a package from
/// `ck sample package` posted to a freshly started simulator is accepted.
/// </summary>
public static class DemoData
{
    /// <summary>MST of the demo shop (a real test-environment MST with a valid check digit).</summary>
    public const string TaxCode = "0106324653";

    public const string SellerName = "Cửa hàng A";

    public const string SellerAddress = "114 phố Đội Cấn, Phường Đội Cấn, Ba Đình, Hà Nội";

    /// <summary>The code block (C5–C9) the demo seed issues to the demo shop.</summary>
    public const string CodeBlock = "A1B2C";

    /// <summary>MNGui of the demo T-VAN (V + its MST).</summary>
    public const string TvanCode = "V0309478306";

    public const string TvanApiKey = "demo-tvan-key";

    public const string AdminKey = "demo-admin-key";

    /// <summary>Series of the demo shop's cash-register invoices (4th character M).</summary>
    public const string Series = "C25MAA";
}

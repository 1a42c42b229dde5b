namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>
/// Decision 1391/QĐ-TCT step 1: the automatic checks of a cash-register package, in the decision's order.
/// Every failure is listed, not only the first; 7005 is added by the processor, which holds the store.
/// </summary>
public static class Step1
{
    public static readonly IReadOnlyList<IStep1Check> Checks =
    [
        new TaxpayerStateCheck(),   // 1 and 3: 2001–2004
        new FormatCheck(),          // 2: 3001–3003
        new SignatureCheck(),       // 4: 4001–4004
        new TvanContractCheck(),    // 5: 5001, 5002
        new PackageCountCheck(),    // 6: 6001
        new CodeCheck(),            // 7: 7001–7004, 7006 (7005: CodeCheck.AlreadyStored)
        new RelatedInvoiceCheck(),  // chain rules of replacements and adjustments (domain.md): 9001, 9002
    ];

    private static readonly HashSet<string> Claimed = Checks.SelectMany(c => c.Codes).ToHashSet(StringComparer.Ordinal);

    public static List<CheckFailure> Run(PackageUnderCheck package)
    {
        var failures = Checks.SelectMany(c => c.Run(package)).ToList();
        // A rule the format library gains before a family here claims it still rejects the package.
        failures.AddRange(package.Read.Findings
            .Where(f => f.IsError && !f.Code.StartsWith('1') && !Claimed.Contains(f.Code))
            .Select(f => new CheckFailure(f.Code, f.Message, f.InvoiceIndex, f.InvoiceCode, f.Line, f.Column, f.Path)));
        return failures;
    }
}

using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>Check 6: TTChung/SLuong counts the invoices the package holds (6001).</summary>
public sealed class PackageCountCheck : IStep1Check
{
    public IReadOnlyList<string> Codes { get; } = [ErrorCodes.CountMismatch];

    public IEnumerable<CheckFailure> Run(PackageUnderCheck p) => p.FindingsWith(Codes);
}

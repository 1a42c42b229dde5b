using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>
/// Check 2: the data standard — the schema (3001), the seller is the package's taxpayer (3002), a
/// cash-register series (3003). Rules that need no registry live in the format library; this reads them.
/// </summary>
public sealed class FormatCheck : IStep1Check
{
    public IReadOnlyList<string> Codes { get; } = [ErrorCodes.SchemaViolation, ErrorCodes.SellerMstMismatch, ErrorCodes.NotCashRegisterInvoice];

    public IEnumerable<CheckFailure> Run(PackageUnderCheck p)
    {
        foreach (var f in p.Read.Findings.Where(f => f.IsError))
        {
            // Reception passed the envelope; a header problem only the full schema sees is a schema error here.
            if (f.Code.StartsWith('1'))
                yield return new CheckFailure(ErrorCodes.SchemaViolation, f.Message, f.InvoiceIndex, f.InvoiceCode, f.Line, f.Column, f.Path);
        }
        foreach (var failure in p.FindingsWith(Codes)) yield return failure;
    }
}

using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Corrections;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>
/// The chain rules of a replacement or adjustment invoice (TTHDLQuan, TCHDon 1 or 2) where the stored data allows
/// (domain.md): the invoice it names, when stored, is the seller's (it is looked up among the seller's invoices) and
/// may still be replaced (9001: not cancelled, adjusted, already replaced, nor an adjustment) or adjusted (9002: not
/// cancelled, replaced, nor a replacement or adjustment); an earlier invoice of the same package replacing or adjusting
/// that stored invoice counts. A named invoice the store does not hold — issued elsewhere,
/// on paper, not sent yet, or in the same package — is not judged here; the monthly Step 2 sees it (8004/8005).
/// </summary>
public sealed class RelatedInvoiceCheck : IStep1Check
{
    public IReadOnlyList<string> Codes { get; } = [CorrectionCodes.ReplacementForbidden, CorrectionCodes.AdjustmentForbidden];

    public IEnumerable<CheckFailure> Run(PackageUnderCheck p)
    {
        // Earlier invoices of the same package that replace or adjust a stored invoice count as stored for the later ones.
        var earlier = new Dictionary<string, InvoiceState>(StringComparer.Ordinal);
        foreach (var invoice in p.Read.Invoices)
        {
            if (!p.Related.TryGetValue(invoice.Index, out var stored)) continue;
            var target = earlier.GetValueOrDefault(stored.Invoice.Code) ?? stored;
            earlier[target.Invoice.Code] = invoice.RelationKind switch
            {
                1 => target with { ReplacedBy = [.. target.ReplacedBy, InPackage(invoice, p)] },
                2 => target with { AdjustedBy = [.. target.AdjustedBy, InPackage(invoice, p)] },
                _ => target,
            };
            var (code, detail) = invoice.RelationKind switch
            {
                1 => (CorrectionCodes.ReplacementForbidden, ChainRules.Replace(target)),
                2 => (CorrectionCodes.AdjustmentForbidden, ChainRules.Adjust(target)),
                _ => (null, null),
            };
            if (code is not null && detail is not null)
                yield return new CheckFailure(code, detail, invoice.Index, invoice.Code,
                    Path: $"/TDiep/DLieu/HDon[{invoice.Index}]/DLHDon/TTChung/TTHDLQuan");
        }
    }

    /// <summary>An invoice of the package under check, as the chain rules name it ("already replaced by …").</summary>
    private static StoredInvoice InPackage(InvoiceSummary invoice, PackageUnderCheck p) => new()
    {
        TaxCode = p.TaxCode ?? "", Code = (invoice.Code ?? $"HDon {invoice.Index}") + " (this package)", MessageId = "",
        Index = invoice.Index, RelationKind = invoice.RelationKind, StoredAt = p.ReceivedAt,
    };
}

using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>
/// Check 7: each invoice's cash-register code — well-formed (7001), from a block issued to the taxpayer
/// (7002), of the invoice's year (7003) and type (7004), once in the package (7006), and never stored
/// before (7005). 7005 needs the store: <see cref="AlreadyStored"/> is its one path, used both before
/// the package is stored and when a concurrent package won the race.
/// </summary>
public sealed class CodeCheck : IStep1Check
{
    public IReadOnlyList<string> Codes { get; } =
    [
        ErrorCodes.CodeMalformed, ErrorCodes.CodeBlockNotIssued, ErrorCodes.CodeYearMismatch, ErrorCodes.CodeTypeMismatch,
        ErrorCodes.CodeRepeatedInPackage,
    ];

    public IEnumerable<CheckFailure> Run(PackageUnderCheck p) => p.FindingsWith(Codes);

    /// <summary>The codes of the package the store holds already (each reported once, on its first invoice).</summary>
    public static IEnumerable<CheckFailure> AlreadyStored(IReadOnlyList<string?> codes, IReadOnlySet<string> stored)
    {
        if (stored.Count == 0) yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
            if (codes[i] is { } c && stored.Contains(c) && seen.Add(c))
                yield return new CheckFailure(ErrorCodes.CodeAlreadyStored, $"code {c} is already stored: it was sent before", i + 1, c,
                    Path: $"/TDiep/DLieu/HDon[{i + 1}]/MCCQT");
    }
}

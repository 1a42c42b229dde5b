using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>
/// A 206 validated in full at reception (schema, rules, signatures), kept in memory with the queued message so the
/// data check does not read it again. Not stored: after a restart the stored body is validated again, as before.
/// </summary>
/// <param name="Result">What <see cref="MessageValidator"/> found, with <see cref="PackageUnderCheck.OptionsFor"/>.</param>
/// <param name="CodeBlocks">The taxpayer's issued code blocks that validation judged 7002 against (null: none known).</param>
public sealed record PackageRead(ValidationResult Result, IReadOnlyList<string>? CodeBlocks)
{
    /// <summary>Whether the read still holds for a taxpayer with <paramref name="codeBlocks"/> now (the registry may have changed).</summary>
    public bool StillHolds(IReadOnlyList<string>? codeBlocks) =>
        CodeBlocks is null ? codeBlocks is null : codeBlocks is not null && CodeBlocks.SequenceEqual(codeBlocks, StringComparer.Ordinal);
}

using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>MST format and check digit — the part of an MST a schema pattern cannot check.</summary>
internal static class TaxCodeRule
{
    public static void Check(Leaf leaf, List<Finding> findings, InvoiceFacts? invoice)
    {
        if (TaxCode.TryParse(leaf.Value, out _, out var error)) return;
        // The schema already reports a wrong shape; only add what it cannot see.
        if (leaf.Value.Length is 10 or 14 && leaf.Value[..10].All(char.IsAsciiDigit))
            findings.Add(EnvelopeRules.At(ErrorCodes.SchemaViolation, $"MST {leaf.Value}: {error}", leaf,
                "an MST whose 10th digit is its check digit", invoice));
    }
}

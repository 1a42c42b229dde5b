namespace ConformanceKit.Einvoice.Codes;

/// <summary>
/// The 5-character block (C5–C9 of a cash-register code) the tax authority issues to a taxpayer.
/// </summary>
public static class CodeBlock
{
    public const int Length = 5;

    /// <summary>True for exactly 5 characters, each A–Z or 0–9.</summary>
    public static bool IsValid(string? block)
    {
        if (block is null || block.Length != Length) return false;
        foreach (var c in block)
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }
}

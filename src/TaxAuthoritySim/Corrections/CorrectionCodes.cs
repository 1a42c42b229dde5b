namespace ConformanceKit.TaxAuthoritySim.Corrections;

/// <summary>
/// The simulator's codes for corrections (docs/error-codes.md). contract.md gives none for Step 1's chain rules
/// nor for the 301, so they are ours: 9001–9002 in a 204 (a 206's replacement or adjustment invoice),
/// 9101–9106 in a 301 (an invoice of a 303 not accepted).
/// </summary>
public static class CorrectionCodes
{
    /// <summary>204: a replacement (TCHDon 1) of a stored invoice that is cancelled, adjusted, already replaced, or an adjustment.</summary>
    public const string ReplacementForbidden = "9001";

    /// <summary>204: an adjustment (TCHDon 2) of a stored invoice that is cancelled, replaced, a replacement or an adjustment.</summary>
    public const string AdjustmentForbidden = "9002";

    /// <summary>301: the invoice (MCCQT) is not stored.</summary>
    public const string NotStored = "9101";

    /// <summary>301: the invoice belongs to another seller.</summary>
    public const string OtherSeller = "9102";

    /// <summary>301: a cancel of an invoice already cancelled.</summary>
    public const string AlreadyCancelled = "9103";

    /// <summary>301: a cancel, adjust or replace the chain rules forbid.</summary>
    public const string ChainForbids = "9104";

    /// <summary>301: the reason (LDo) is missing or empty.</summary>
    public const string ReasonMissing = "9105";

    /// <summary>301: the form, series, number or date differ from the stored invoice with that MCCQT.</summary>
    public const string IdentityMismatch = "9106";
}

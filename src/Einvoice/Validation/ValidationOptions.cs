namespace ConformanceKit.Einvoice.Validation;

/// <summary>What a validation run checks beyond the message itself.</summary>
public sealed record ValidationOptions
{
    public static readonly ValidationOptions Default = new();

    /// <summary>Findings listed for one message; the rest are counted in one last finding.</summary>
    public const int MaxFindings = 1000;

    /// <summary>
    /// Check only what reception checks: well-formedness, size, encoding and the envelope header
    /// (TTChung) against the envelope schema. DLieu is not looked at. Off by default.
    /// </summary>
    public bool EnvelopeOnly { get; init; }

    /// <summary>Verify XML signatures (4001/4002). On by default.</summary>
    public bool CheckSignatures { get; init; } = true;

    /// <summary>
    /// Verify a valid placed signature (206, 303, the authority's notices) from the validation pass's own read, with no
    /// DOM; anything short of valid is verified on a DOM as before. On by default; off gives the DOM verifier alone
    /// (tests compare the two).
    /// </summary>
    public bool StreamSignatures { get; init; } = true;

    /// <summary>Report the advisory findings W001–W004. On by default.</summary>
    public bool Advisory { get; init; } = true;

    /// <summary>
    /// Code blocks (C5–C9) issued to the taxpayer; when given, codes outside them are 7002.
    /// Null means "unknown here" (the simulator knows, a file on disk does not).
    /// </summary>
    public IReadOnlySet<string>? IssuedCodeBlocks { get; init; }
}

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// How a signer names and shapes what it adds, for the forms production senders use. The kit's own
/// signer writes <see cref="Standard"/>; the others exist so that samples, tests and conformance cases
/// can send exactly what real senders send (docs/compatibility.md).
/// </summary>
public sealed record SignatureLayout
{
    /// <summary>The Signature's Id; null = the signer's default ("NNT", "CQT").</summary>
    public string? SignatureId { get; init; }

    /// <summary>The Id of the Object that holds SigningTime; null = signature Id + "-SigningTime".</summary>
    public string? ObjectId { get; init; }

    /// <summary>SignatureProperties and SignatureProperty in no namespace (<c>xmlns=""</c>) instead of ds.</summary>
    public bool PropertiesInNoNamespace { get; init; }

    public static readonly SignatureLayout Standard = new();

    /// <summary>
    /// One production sender's form: signature "CKSNNT-" + MTDiep, object "Obj-CKSNNT-" + MTDiep,
    /// SignatureProperties in no namespace.
    /// </summary>
    public static SignatureLayout TemplateSender(string messageId) => new()
    {
        SignatureId = "CKSNNT-" + messageId,
        ObjectId = "Obj-CKSNNT-" + messageId,
        PropertiesInNoNamespace = true,
    };
}

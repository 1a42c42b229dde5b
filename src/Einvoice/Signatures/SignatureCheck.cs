using System.Security.Cryptography.X509Certificates;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>Result of checking one ds:Signature: status, who signed, when, and every problem found.</summary>
public sealed record SignatureCheck
{
    public required SignatureStatus Status { get; init; }

    /// <summary>The Signature's Id attribute, when it has one.</summary>
    public string? SignatureId { get; init; }

    /// <summary>Element path of the Signature (or of where it was expected), e.g. /TDiep/CKSNNT/Signature.</summary>
    public required string Path { get; init; }

    /// <summary>The certificate from KeyInfo, when one could be read.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>X509SubjectName text, else the certificate's subject (rendered as Windows signers write it).</summary>
    public string? SubjectName { get; init; }

    /// <summary>
    /// SigningTime (local GMT+7, unspecified kind), only when it sits inside an element the signature
    /// references: an unsigned time could be forged.
    /// </summary>
    public DateTime? SigningTime { get; init; }

    /// <summary>The SigningTime was found under SignatureProperties in no namespace (tolerated, W007).</summary>
    public bool SigningTimeInNoNamespace { get; init; }

    public IReadOnlyList<ReferenceCheck> References { get; init; } = [];

    public bool SignatureValueValid { get; init; }

    /// <summary>Plain-English problems; empty when valid.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool IsValid => Status == SignatureStatus.Valid;
}

using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>
/// Check 4: the seller's signature is there (4001) and verifies (4002), its certificate is the taxpayer's
/// (4003) and was valid when the package was signed (4004).
/// </summary>
public sealed class SignatureCheck : IStep1Check
{
    private const string CertificatePath = "/TDiep/CKSNNT/Signature/KeyInfo/X509Data/X509Certificate";

    public IReadOnlyList<string> Codes { get; } =
        [ErrorCodes.SignatureMissing, ErrorCodes.SignatureInvalid, ErrorCodes.CertificateNotTaxpayers, ErrorCodes.CertificateNotValidAtSigningTime];

    public IEnumerable<CheckFailure> Run(PackageUnderCheck p)
    {
        foreach (var failure in p.FindingsWith([ErrorCodes.SignatureMissing, ErrorCodes.SignatureInvalid])) yield return failure;
        // The seller's signature: of a 206 in CKSNNT, of a 303 (Form 04/SS-HĐĐT) in TBao/DSCKS/NNT.
        var package = p.Read.Signatures.FirstOrDefault(s => s.Path.StartsWith("/TDiep/CKSNNT", StringComparison.Ordinal)
            || s.Path.StartsWith("/TDiep/DLieu/TBao/DSCKS/NNT", StringComparison.Ordinal));
        if (package?.Certificate is not { } cert || p.Taxpayer is not { } taxpayer) yield break;
        if (Owner(cert, taxpayer) is { } notOwner) yield return notOwner;
        if (Validity(cert, package, p.ReceivedAt) is { } notValid) yield return notValid;
    }

    private static CheckFailure? Owner(X509Certificate2 cert, Taxpayer taxpayer)
    {
        if (taxpayer.Certificates.Count > 0)
        {
            var raw = cert.RawData;
            return taxpayer.Certificates.Any(c => c.AsSpan().SequenceEqual(raw))
                ? null
                : new CheckFailure(ErrorCodes.CertificateNotTaxpayers,
                    $"certificate {cert.SerialNumber} ({cert.Subject}) is not registered for {taxpayer.TaxCode}", Path: CertificatePath);
        }
        var owner = XmlSignatureVerifier.CertificateTaxCode(cert);
        return owner is not null && string.Equals(owner, taxpayer.TaxCode, StringComparison.Ordinal)
            ? null
            : new CheckFailure(ErrorCodes.CertificateNotTaxpayers, $"certificate subject names MST {owner ?? "(none)"}, not {taxpayer.TaxCode}",
                Path: CertificatePath);
    }

    private static CheckFailure? Validity(X509Certificate2 cert, Einvoice.Signatures.SignatureCheck signature, DateTimeOffset receivedAt)
    {
        // A signed SigningTime can be any date the sender likes, the first hours of year 1 included.
        if (signature.SigningTime is { } local && !VietnamTime.TryInstant(local, out _))
            return new CheckFailure(ErrorCodes.CertificateNotValidAtSigningTime,
                $"signed at {local:yyyy-MM-ddTHH:mm:ss}, before any certificate's validity", Path: CertificatePath);
        var signedAt = signature.SigningTime is { } st ? VietnamTime.Instant(st) : receivedAt;
        if (signedAt >= cert.NotBefore.ToUniversalTime() && signedAt <= cert.NotAfter.ToUniversalTime()) return null;
        return new CheckFailure(ErrorCodes.CertificateNotValidAtSigningTime,
            $"signed at {VietnamTime.Local(signedAt):yyyy-MM-ddTHH:mm:ss}; the certificate is valid {VietnamTime.Local(cert.NotBefore.ToUniversalTime()):yyyy-MM-dd} to {VietnamTime.Local(cert.NotAfter.ToUniversalTime()):yyyy-MM-dd}",
            Path: CertificatePath);
    }
}

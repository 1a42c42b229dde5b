using ConformanceKit.AuthorityContract.Certification;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>
/// Signs a certification session's result with the certifier's key. The signing code lives in the harness (which the
/// simulator must not reference); the host that has it registers an implementation in DI. Without one, the certifier's
/// page and API say to sign the result with <c>ck</c>.
/// </summary>
public interface ICertificateIssuer
{
    Task<IssuedCertificate> IssueAsync(CertificationSessionResult result, CancellationToken ct);
}

/// <summary>A signed certificate: its bytes, content type and the file name to download it as.</summary>
public sealed record IssuedCertificate(byte[] Content, string ContentType, string FileName);

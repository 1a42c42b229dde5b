using System.IO.Compression;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.Harness.Certification;
using ConformanceKit.Harness.Reports;
using ConformanceKit.TaxAuthoritySim.Certification;

namespace ConformanceKit.Conformance.Commands.Certify;

/// <summary>
/// The certification server's certificate download, signed by the certifier's key: the three signed files
/// (certificate.json, .junit.xml, .html) in one zip. ck composes it into the simulator, which must not reference the
/// harness's signing code.
/// </summary>
public sealed class SignedCertificateIssuer(ReportSigner signer, string? issuedBy, TimeProvider? clock = null) : ICertificateIssuer
{
    public Task<IssuedCertificate> IssueAsync(CertificationSessionResult result, CancellationToken ct)
    {
        var files = CertificateWriter.Write(result, signer, clock, issuedBy, source: "certification server");
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = archive.CreateEntry(file.Name, CompressionLevel.Optimal);
                entry.LastWriteTime = (clock ?? TimeProvider.System).GetUtcNow();
                using var stream = entry.Open();
                stream.Write(file.Bytes);
            }
        }
        return Task.FromResult(new IssuedCertificate(zip.ToArray(), "application/zip", $"certificate-{SafeName(result.SessionId)}.zip"));
    }

    /// <summary>The session id as a file-name part: letters, digits, '-' and '_' only.</summary>
    private static string SafeName(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}

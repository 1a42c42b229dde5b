using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Reads the taxpayer's MST from a Vietnamese signing certificate. CAs put "MST:0106324653" in the
/// UID attribute (0.9.2342.19200300.100.1.1), sometimes in CN or OU; personal ids (CMND:, CCCD:)
/// sit in the same places and are ignored.
/// </summary>
internal static partial class CertificateSubject
{
    [GeneratedRegex(@"(?<![A-Za-z])MST\s*:\s*(\d{10}(?:-\d{3})?)(?![\d-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MstPattern();

    public static string? TaxCode(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        // Attribute values first: the rendered subject escapes or quotes some of them.
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements) continue;
            var value = rdn.GetSingleElementValue();
            if (value is not null && MstPattern().Match(value) is { Success: true } m) return m.Groups[1].Value;
        }
        return MstPattern().Match(certificate.Subject) is { Success: true } fallback ? fallback.Groups[1].Value : null;
    }
}

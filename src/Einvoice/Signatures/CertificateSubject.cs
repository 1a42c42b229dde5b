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

    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN", ["2.5.4.10"] = "O", ["2.5.4.11"] = "OU", ["2.5.4.7"] = "L", ["2.5.4.8"] = "S",
        ["2.5.4.6"] = "C", ["2.5.4.9"] = "STREET", ["2.5.4.5"] = "SERIALNUMBER", ["2.5.4.12"] = "T",
        ["1.2.840.113549.1.9.1"] = "E", ["0.9.2342.19200300.100.1.25"] = "DC",
    };

    /// <summary>
    /// The subject as Windows signers write X509SubjectName (last RDN first, "OID.x=" for the UID,
    /// quoted values): the same text on every OS, unlike <see cref="X509Certificate.Subject"/>.
    /// </summary>
    public static string Render(X509Certificate2 certificate)
    {
        var parts = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: true))
        {
            if (rdn.HasMultipleElements) return certificate.Subject;
            var oid = rdn.GetSingleElementType().Value ?? string.Empty;
            var value = rdn.GetSingleElementValue() ?? string.Empty;
            var name = ShortNames.TryGetValue(oid, out var shortName) ? shortName : "OID." + oid;
            parts.Add(name + "=" + Quote(value));
        }
        return string.Join(", ", parts);
    }

    private static string Quote(string value)
    {
        var needs = value.Length == 0 || value[0] == ' ' || value[^1] == ' ' || value.IndexOfAny([',', '+', '=', '"', '\n', '<', '>', '#', ';']) >= 0;
        return needs ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}

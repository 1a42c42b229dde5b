using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Verifies one ds:Signature without SignedXml: SignedInfo is canonicalised with the namespaces in
/// scope where the signature sits (what real signers hash), then checked with the KeyInfo
/// certificate's RSA key (PKCS#1 v1.5, SHA-256).
/// </summary>
internal static class SignatureEvaluator
{
    /// <summary>Real signatures carry 2 or 3; the cap bounds the digest work a hostile message can ask for.</summary>
    public const int MaxReferences = 16;

    public static SignatureCheck Evaluate(XmlElement signature, VerificationContext context)
    {
        var problems = new List<string>();
        var cached = ReadCertificate(signature, problems, out var subjectName);
        var certificate = cached?.Certificate;
        var references = new List<ReferenceCheck>();
        var valueValid = false;

        var signedInfo = DomPath.Single(signature, "SignedInfo", DsigNames.Ns);
        if (signedInfo is null)
        {
            problems.Add("the Signature needs exactly one SignedInfo");
        }
        else
        {
            var methodsOk = CheckCanonicalization(signedInfo, problems, out var withComments);
            methodsOk &= CheckSignatureMethod(signedInfo, problems);

            var referenceElements = DomPath.Children(signedInfo, "Reference", DsigNames.Ns);
            if (referenceElements.Count == 0) problems.Add("SignedInfo has no Reference");
            else if (referenceElements.Count > MaxReferences)
                problems.Add($"SignedInfo has {referenceElements.Count} references; at most {MaxReferences} are accepted");
            else
            {
                foreach (var r in referenceElements)
                {
                    var check = ReferenceEvaluator.Evaluate(r, signature, context);
                    references.Add(check);
                    if (check.Problem is not null) problems.Add(check.Problem);
                }
            }

            var value = ReadSignatureValue(signature, problems);
            if (methodsOk && value is not null && cached is not null)
                valueValid = VerifyValue(signedInfo, withComments, value, cached, problems);
        }

        var signingTime = ReadSigningTime(signature, references);
        return new SignatureCheck
        {
            Status = problems.Count == 0 ? SignatureStatus.Valid : SignatureStatus.Invalid,
            SignatureId = signature.HasAttribute("Id") ? signature.GetAttribute("Id") : null,
            Path = DomPath.Of(signature),
            Certificate = certificate,
            SubjectName = subjectName,
            SigningTime = signingTime.Time,
            SigningTimeInNoNamespace = signingTime.InNoNamespace,
            References = references,
            SignatureValueValid = valueValid,
            Problems = problems,
        };
    }

    internal static bool CheckCanonicalization(XmlElement signedInfo, List<string> problems, out bool withComments)
    {
        withComments = false;
        var method = DomPath.Single(signedInfo, "CanonicalizationMethod", DsigNames.Ns);
        var alg = method?.GetAttribute("Algorithm");
        if (alg is DsigNames.C14N) return true;
        if (alg is DsigNames.C14NWithComments) { withComments = true; return true; }
        problems.Add(alg is null
            ? "SignedInfo needs exactly one CanonicalizationMethod"
            : $"canonicalization method '{alg}' is not accepted: only inclusive C14N 1.0 ({DsigNames.C14N})");
        return false;
    }

    internal static bool CheckSignatureMethod(XmlElement signedInfo, List<string> problems)
    {
        var method = DomPath.Single(signedInfo, "SignatureMethod", DsigNames.Ns);
        var alg = method?.GetAttribute("Algorithm");
        if (alg is DsigNames.RsaSha256) return true;
        problems.Add(alg switch
        {
            null => "SignedInfo needs exactly one SignatureMethod",
            DsigNames.RsaSha1 => "signature method rsa-sha1 is not accepted: SHA-1 signatures are not accepted, only rsa-sha256",
            _ => $"signature method '{alg}' is not accepted: only rsa-sha256 ({DsigNames.RsaSha256})",
        });
        return false;
    }

    internal static byte[]? ReadSignatureValue(XmlElement signature, List<string> problems)
    {
        var element = DomPath.Single(signature, "SignatureValue", DsigNames.Ns);
        if (element is null) { problems.Add("the Signature needs exactly one SignatureValue"); return null; }
        try
        {
            return Convert.FromBase64String(element.InnerText);
        }
        catch (FormatException)
        {
            problems.Add("SignatureValue is not base64");
            return null;
        }
    }

    private static bool VerifyValue(XmlElement signedInfo, bool withComments, byte[] value, CertificateCache.Entry cached, List<string> problems)
    {
        if (!cached.HasRsaKey)
        {
            var certificate = cached.Certificate;
            var kind = certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value;
            problems.Add($"the certificate's key is {kind}, not RSA");
            return false;
        }
        var canonical = DocumentC14N.Canonicalize(signedInfo, exclude: null, withComments);
        var ok = cached.Verify(canonical, value);
        if (!ok) problems.Add("signature value does not verify with the certificate's key");
        return ok;
    }

    internal static CertificateCache.Entry? ReadCertificate(XmlElement signature, List<string> problems, out string? subjectName)
    {
        subjectName = null;
        XmlElement? certElement = null;
        var keyInfo = DomPath.Single(signature, "KeyInfo", DsigNames.Ns);
        if (keyInfo is not null)
        {
            foreach (var data in DomPath.Children(keyInfo, "X509Data", DsigNames.Ns))
            {
                subjectName ??= DomPath.Children(data, "X509SubjectName", DsigNames.Ns).FirstOrDefault()?.InnerText;
                certElement ??= DomPath.Children(data, "X509Certificate", DsigNames.Ns).FirstOrDefault();
            }
        }
        if (certElement is null) { problems.Add("no X509Certificate in KeyInfo"); return null; }

        try
        {
            var cached = CertificateCache.Get(certElement.InnerText);
            subjectName ??= cached.Subject;
            return cached;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            problems.Add($"the X509Certificate in KeyInfo cannot be read: {ex.Message}");
            return null;
        }
    }

    // Only a time the signature itself covers is reported: KeyInfo-style unsigned data could be forged.
    // Production senders write SignatureProperties in the ds namespace or, as one of them does, in none.
    internal static (DateTime? Time, bool InNoNamespace) ReadSigningTime(XmlElement signature, List<ReferenceCheck> references)
    {
        foreach (var obj in DomPath.Children(signature, "Object", DsigNames.Ns))
        foreach (var ns in PropertyNamespaces)
        foreach (var props in DomPath.Children(obj, "SignatureProperties", ns))
        foreach (var prop in DomPath.Children(props, "SignatureProperty", ns))
        for (var c = prop.FirstChild; c is not null; c = c.NextSibling)
        {
            if (c is not XmlElement { LocalName: "SigningTime" } time) continue;
            if (!references.Any(r => r.DigestValid && r.Target is not null && DomPath.IsInside(time, r.Target))) continue;
            if (DateTime.TryParseExact(time.InnerText.Trim(), DsigNames.SigningTimeFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var parsed))
                return (parsed, ns.Length == 0);
        }
        return (null, false);
    }

    private static readonly string[] PropertyNamespaces = [DsigNames.Ns, ""];
}

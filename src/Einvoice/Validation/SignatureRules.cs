using System.Xml;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>Verifies a message's signatures and turns failures into 4001/4002 findings.</summary>
internal static class SignatureRules
{
    private const string DsNamespace = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>
    /// Verifies the message's signatures: from <paramref name="captured"/> (the validation pass) when that proves the one
    /// placed signature valid, else on a DOM of <paramref name="bytes"/>, the reference for every refusal.
    /// </summary>
    public static IReadOnlyList<SignatureCheck> Check(byte[] bytes, SignatureCapture? captured, string? type, List<Finding> findings)
    {
        if (captured is not null && StreamedSignature.TryVerify(captured) is { } streamed)
        {
            List<SignatureCheck> one = [streamed];
            Report(one, findings);
            return one;
        }
        XmlDocument document;
        try { document = SafeXml.LoadDocument(bytes); }
        catch (Exception ex) when (ex is XmlException or InvalidDataException) { return []; /* reported as 1001 by the schema pass */ }
        return Check(document, type, findings);
    }

    /// <summary>Verifies the signatures of <paramref name="doc"/>, loaded whitespace-preserved from the message's bytes.</summary>
    public static IReadOnlyList<SignatureCheck> Check(XmlDocument doc, string? type, List<Finding> findings)
    {
        SignatureCheck? expected = type switch
        {
            "206" => XmlSignatureVerifier.VerifyPackage(doc),
            "303" => XmlSignatureVerifier.VerifyErroneousNotice(doc),
            "102" or "103" or "204" or "301" or "302" => XmlSignatureVerifier.VerifyNotice(doc),
            _ => null,
        };
        // Verifying is the costly part: run the generic pass only when there are other signatures.
        var total = doc.GetElementsByTagName("Signature", DsNamespace).Count;
        var placed = expected is { Status: not SignatureStatus.Missing } ? 1 : 0;
        var checks = total > placed ? XmlSignatureVerifier.VerifyAll(doc).ToList() : [];
        if (expected is not null)
        {
            // The placement-aware check replaces the generic one for the same signature.
            var at = checks.FindIndex(c => c.Path == expected.Path);
            if (at >= 0) checks[at] = expected;
            else checks.Insert(0, expected);
        }
        Report(checks, findings);
        return checks;
    }

    private static void Report(List<SignatureCheck> checks, List<Finding> findings)
    {
        foreach (var check in checks)
        {
            if (check.Status == SignatureStatus.Missing)
                findings.Add(new Finding(ErrorCodes.SignatureMissing, Severity.Error,
                    $"the message is not signed: no signature at {check.Path}", Path: check.Path,
                    Expected: "an XML signature over the signed data"));
            else if (check.Status == SignatureStatus.Invalid)
                findings.Add(new Finding(ErrorCodes.SignatureInvalid, Severity.Error,
                    $"signature {check.SignatureId ?? "(no Id)"} is invalid: " + string.Join("; ", check.Problems),
                    Path: check.Path, Expected: "a signature whose digests and value verify"));
            if (check.SigningTimeInNoNamespace)
                findings.Add(new Finding(ErrorCodes.SigningTimeWithoutNamespace, Severity.Warning,
                    $"signature {check.SignatureId ?? "(no Id)"}: SignatureProperties/SignatureProperty are in no namespace; the signing time was read, but XMLDSig puts them in the ds namespace",
                    Path: check.Path + "/Object", Expected: "ds:SignatureProperties/ds:SignatureProperty/SigningTime"));
        }
    }
}

using System.Security.Cryptography;
using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Verifies a message's one placed signature from what <see cref="SignatureCapture"/> gathered in the validation pass,
/// with no DOM of the message. It only ever answers "valid", and only when every check <see cref="XmlSignatureVerifier"/>
/// makes passes, with the same result the DOM verifier would return; anything else (a problem, a second signature, an
/// unusual shape) answers null and the caller runs the DOM verifier, which words every refusal.
/// </summary>
internal static class StreamedSignature
{
    /// <summary>Where the signature and what it covers sit for a message type with one placed signature; null for others.</summary>
    public static (string[] SignatureAt, string[] ContentAt)? Placement(string? messageType) => messageType switch
    {
        "206" => (XmlSignatureVerifier.PackageSignatureAt, XmlSignatureVerifier.PackageContent),
        "303" => (XmlSignatureVerifier.SellerNoticeSignatureAt, XmlSignatureVerifier.NoticeContent),
        "102" or "103" or "204" or "301" or "302" => (XmlSignatureVerifier.NoticeSignatureAt, XmlSignatureVerifier.NoticeContent),
        _ => null,
    };

    /// <summary>The signature's check when it is valid and alone in the message; null to ask the DOM verifier.</summary>
    public static SignatureCheck? TryVerify(SignatureCapture capture)
    {
        if (capture.SignatureCount != 1 || !capture.SignatureIsPlaced || capture.Content == 0) return null;
        var signature = capture.Signature!;
        var problems = new List<string>();
        var cached = SignatureEvaluator.ReadCertificate(signature, problems, out var subjectName);
        if (cached is null || problems.Count > 0 || !cached.HasRsaKey) return null;

        var signedInfo = DomPath.Single(signature, "SignedInfo", DsigNames.Ns);
        if (signedInfo is null
            || !SignatureEvaluator.CheckCanonicalization(signedInfo, problems, out var withComments)
            || !SignatureEvaluator.CheckSignatureMethod(signedInfo, problems))
            return null;

        var referenceElements = DomPath.Children(signedInfo, "Reference", DsigNames.Ns);
        if (referenceElements.Count is 0 or > SignatureEvaluator.MaxReferences) return null;
        var references = new List<ReferenceCheck>(referenceElements.Count);
        var coversContent = false;
        foreach (var r in referenceElements)
        {
            if (Reference(r, signature, capture, problems) is not { } check) return null;
            coversContent |= check.Target is null;
            references.Add(check);
        }
        if (!coversContent) return null;

        var value = SignatureEvaluator.ReadSignatureValue(signature, problems);
        if (value is null || problems.Count > 0) return null;
        if (!cached.Verify(DocumentC14N.Canonicalize(signedInfo, exclude: null, withComments), value)) return null;

        var signingTime = SignatureEvaluator.ReadSigningTime(signature, references);
        return new SignatureCheck
        {
            Status = SignatureStatus.Valid,
            SignatureId = signature.HasAttribute("Id") ? signature.GetAttribute("Id") : null,
            Path = capture.SignaturePath!,
            Certificate = cached.Certificate,
            SubjectName = subjectName,
            SigningTime = signingTime.Time,
            SigningTimeInNoNamespace = signingTime.InNoNamespace,
            References = references,
            SignatureValueValid = true,
            Problems = [],
        };
    }

    /// <summary>
    /// A reference that resolves, digests and is allowed by the placement: the content (hashed while streaming; its
    /// check has no Target) or an element inside the signature other than the signature (hashed from the copy).
    /// </summary>
    private static ReferenceCheck? Reference(XmlElement reference, XmlElement signature, SignatureCapture capture, List<string> problems)
    {
        if (!reference.HasAttribute("URI")) return null;
        var uri = reference.GetAttribute("URI");
        if (uri.Length == 0 || uri[0] != '#' || uri.StartsWith("#xpointer(", StringComparison.Ordinal)) return null;
        var target = capture.Resolve(uri[1..]);
        if (target == 0) return null;
        var enveloped = ReferenceEvaluator.ReadTransforms(reference, uri, problems);
        var expected = ReferenceEvaluator.ReadDigest(reference, uri, problems);
        if (expected is null || problems.Count > 0) return null;

        byte[] actual;
        string path;
        XmlElement? copy = null;
        if (target == capture.Content && capture.Hashed(target) is { } hashed)
        {
            // The content does not hold the signature (else it was not hashed): the enveloped transform changes nothing.
            (actual, path) = hashed;
        }
        else if (capture.Copied(target) is { } inside && !ReferenceEquals(inside, signature))
        {
            // Inside the signature, so the signature is not inside it: the enveloped transform changes nothing.
            _ = enveloped;
            actual = DocumentC14N.Sha256(inside);
            path = capture.PathInsideSignature(inside);
            copy = inside;
        }
        else return null;

        if (!CryptographicOperations.FixedTimeEquals(actual, expected)) return null;
        return new ReferenceCheck(uri, path, DigestValid: true, Problem: null) { Target = copy };
    }
}

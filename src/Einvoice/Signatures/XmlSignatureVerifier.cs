using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Verifies XML signatures the way real tax-authority documents need: inclusive C14N 1.0 in document
/// context, RSA-SHA256 and SHA-256 only, same-document <c>#Id</c> references, and defences against
/// signature wrapping (duplicate Ids; for known messages, what each signature must cover).
/// </summary>
public static class XmlSignatureVerifier
{
    internal static readonly string[] PackageSignatureAt = ["TDiep", "CKSNNT"];
    internal static readonly string[] PackageContent = ["TDiep", "DLieu"];
    internal static readonly string[] NoticeSignatureAt = ["TDiep", "DLieu", "TBao", "DSCKS", "CQT"];
    internal static readonly string[] NoticeContent = ["TDiep", "DLieu", "TBao", "DLTBao"];
    internal static readonly string[] SellerNoticeSignatureAt = ["TDiep", "DLieu", "TBao", "DSCKS", "NNT"];

    /// <summary>Checks every ds:Signature in the document, in document order.</summary>
    public static IReadOnlyList<SignatureCheck> VerifyAll(XmlDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var signatures = doc.GetElementsByTagName("Signature", DsigNames.Ns).OfType<XmlElement>().ToList();
        if (signatures.Count == 0) return [];
        var context = new VerificationContext(doc);
        return signatures.Select(s => SignatureEvaluator.Evaluate(s, context)).ToList();
    }

    /// <summary>
    /// The seller's signature of a 206: exactly one at /TDiep/CKSNNT/Signature, covering /TDiep/DLieu
    /// (that very element) and otherwise only its own objects (SigningTime).
    /// </summary>
    public static SignatureCheck VerifyPackage(XmlDocument doc) => VerifyAt(doc, PackageSignatureAt, PackageContent);

    /// <summary>
    /// The authority's signature of a 204 (also 102/103/301/302): /TDiep/DLieu/TBao/DSCKS/CQT/Signature
    /// covering /TDiep/DLieu/TBao/DLTBao and otherwise only its own objects.
    /// </summary>
    public static SignatureCheck VerifyNotice(XmlDocument doc) => VerifyAt(doc, NoticeSignatureAt, NoticeContent);

    /// <summary>
    /// The seller's signature of a 303 (Form 04/SS-HĐĐT): /TDiep/DLieu/TBao/DSCKS/NNT/Signature covering
    /// /TDiep/DLieu/TBao/DLTBao and otherwise only its own objects.
    /// </summary>
    public static SignatureCheck VerifyErroneousNotice(XmlDocument doc) => VerifyAt(doc, SellerNoticeSignatureAt, NoticeContent);

    /// <summary>
    /// The taxpayer's MST named in a certificate subject ("MST:0106324653" or "MST:0106324653-001",
    /// usually in the UID attribute), or null when there is none.
    /// </summary>
    public static string? CertificateTaxCode(X509Certificate2 cert) => CertificateSubject.TaxCode(cert);

    private static SignatureCheck VerifyAt(XmlDocument doc, string[] signatureAt, string[] contentAt)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var expectedPath = "/" + string.Join('/', signatureAt) + "/Signature";
        var contentPath = "/" + string.Join('/', contentAt);

        var parent = Locate(doc, signatureAt, out var parentProblem);
        List<XmlElement> signatures = parent is null ? [] : DomPath.Children(parent, "Signature", DsigNames.Ns);
        if (parentProblem is not null)
            return new SignatureCheck { Status = SignatureStatus.Invalid, Path = expectedPath, Problems = [parentProblem] };
        if (signatures.Count == 0)
            return new SignatureCheck { Status = SignatureStatus.Missing, Path = expectedPath, Problems = [$"no signature at {expectedPath}"] };

        var signature = signatures[0];
        var check = SignatureEvaluator.Evaluate(signature, new VerificationContext(doc));
        var problems = check.Problems.ToList();
        if (signatures.Count > 1)
            problems.Add($"{expectedPath[..expectedPath.LastIndexOf('/')]} holds {signatures.Count} signatures; exactly one is expected");

        var content = Locate(doc, contentAt, out var contentProblem);
        if (content is null)
            problems.Add(contentProblem ?? $"{contentPath} is missing");
        else if (!check.References.Any(r => ReferenceEquals(r.Target, content)))
            problems.Add($"the signature does not cover {contentPath}");

        // Anything else it signs must be part of the signature itself (its SigningTime object):
        // a reference to an element elsewhere would let the covered content move out of place.
        foreach (var r in check.References)
        {
            if (r.Target is null || ReferenceEquals(r.Target, content)) continue;
            if (!ReferenceEquals(r.Target, signature) && DomPath.IsInside(r.Target, signature)) continue;
            problems.Add($"reference {r.Uri} resolves to {r.ResolvedPath}, which is neither {contentPath} nor part of the signature");
        }

        return check with
        {
            Status = problems.Count == 0 ? SignatureStatus.Valid : SignatureStatus.Invalid,
            Problems = problems,
        };
    }

    /// <summary>The element at a path of local names; null when a step is missing or (with a problem) repeated.</summary>
    private static XmlElement? Locate(XmlDocument doc, string[] names, out string? problem)
    {
        problem = null;
        var current = doc.DocumentElement;
        if (current is null || current.LocalName != names[0]) return null;
        var ns = current.NamespaceURI;
        for (var i = 1; i < names.Length; i++)
        {
            var next = DomPath.Children(current, names[i], ns);
            if (next.Count == 0) return null;
            if (next.Count > 1)
            {
                problem = $"/{string.Join('/', names[..i])} has {next.Count} {names[i]} elements; exactly one is expected";
                return null;
            }
            current = next[0];
        }
        return current;
    }
}

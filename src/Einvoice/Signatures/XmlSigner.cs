using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Enveloped XML signatures as the tax authority's documents carry them: RSA-SHA256, SHA-256
/// digests, inclusive C14N 1.0, a signed SigningTime object, KeyInfo with subject and certificate.
/// Everything is canonicalised in document context, exactly as <see cref="XmlSignatureVerifier"/> does.
/// </summary>
public static class XmlSigner
{
    /// <summary>Signature Id used for the seller's signature in a 206's CKSNNT.</summary>
    public const string PackageSignatureId = "NNT";

    /// <summary>Signature Id used for the authority's signature of a notice.</summary>
    public const string NoticeSignatureId = "CQT";

    /// <summary>
    /// Signs <paramref name="target"/> (which must carry a unique <c>Id</c>) with a new ds:Signature
    /// appended to <paramref name="signatureParent"/>.
    /// </summary>
    public static void Sign(XmlDocument doc, XmlElement target, XmlElement signatureParent,
        X509Certificate2 certificate, DateTime signingTime, string signatureId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var rsa = certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("the certificate has no RSA private key", nameof(certificate));
        Sign(doc, target, signatureParent, certificate, rsa, signingTime, signatureId);
    }

    /// <summary>
    /// Signs <paramref name="target"/> like <see cref="Sign(XmlDocument, XmlElement, XmlElement, X509Certificate2, DateTime, string)"/>,
    /// with the private key held apart from the certificate: a software key, or an <see cref="RSA"/> whose
    /// SignHash asks an HSM or a remote signing service. <paramref name="certificate"/> needs no private key;
    /// it goes into KeyInfo and its public key must be the public half of <paramref name="signingKey"/>
    /// (checked up front, via <see cref="RSA.ExportParameters"/>(false), so a mismatch is an
    /// <see cref="ArgumentException"/> rather than a signature no verifier accepts).
    /// </summary>
    public static void Sign(XmlDocument doc, XmlElement target, XmlElement signatureParent,
        X509Certificate2 certificate, RSA signingKey, DateTime signingTime, string signatureId) =>
        Sign(doc, target, signatureParent, certificate, signingKey, signingTime, signatureId, SignatureLayout.Standard);

    /// <summary>Like the overload above, with the Ids and the SignatureProperties' namespace of <paramref name="layout"/>.</summary>
    public static void Sign(XmlDocument doc, XmlElement target, XmlElement signatureParent,
        X509Certificate2 certificate, RSA signingKey, DateTime signingTime, string signatureId, SignatureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(signingKey);
        EnsureKeyMatches(certificate, signingKey);
        Sign(doc, target, signatureParent, new KeyInfoText(certificate), signingKey, signingTime, signatureId, layout);
    }

    /// <summary>What KeyInfo carries of a certificate, rendered once per signer.</summary>
    internal sealed class KeyInfoText(X509Certificate2 certificate)
    {
        public string Subject { get; } = CertificateSubject.Render(certificate);

        public string Base64 { get; } = Convert.ToBase64String(certificate.RawData);
    }

    // The key is known to match the certificate (checked by the caller, once).
    private static void Sign(XmlDocument doc, XmlElement target, XmlElement signatureParent,
        KeyInfoText keyInfo, RSA rsa, DateTime signingTime, string signatureId, SignatureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        signatureId = layout.SignatureId ?? signatureId;
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(signatureParent);
        ArgumentException.ThrowIfNullOrEmpty(signatureId);
        if (!DomPath.IsInside(target, doc) || !DomPath.IsInside(signatureParent, doc))
            throw new ArgumentException("target and signature parent must both be part of the document");
        var targetId = target.GetAttribute("Id");
        if (targetId.Length == 0) throw new ArgumentException("the element to sign must carry an Id attribute", nameof(target));

        var objectId = layout.ObjectId ?? signatureId + "-SigningTime";
        var ids = new IdIndex(doc);
        if (ids.Carriers(targetId).Count != 1)
            throw new InvalidOperationException($"Id '{targetId}' is carried by {ids.Carriers(targetId).Count} elements; a signed Id must be unique");
        foreach (var fresh in new[] { signatureId, objectId })
            if (ids.Carriers(fresh).Count > 0) throw new InvalidOperationException($"Id '{fresh}' is already used in the document");

        var signature = Ds(doc, "Signature");
        signature.SetAttribute("Id", signatureId);
        signature.SetAttribute("xmlns", DsigNames.Ns);
        var signedInfo = Append(signature, "SignedInfo");
        Append(signedInfo, "CanonicalizationMethod").SetAttribute("Algorithm", DsigNames.C14N);
        Append(signedInfo, "SignatureMethod").SetAttribute("Algorithm", DsigNames.RsaSha256);
        var contentDigest = AppendReference(signedInfo, "#" + targetId, type: null, enveloped: true);
        var timeDigest = AppendReference(signedInfo, "#" + objectId, DsigNames.SignaturePropertiesType, enveloped: false);
        var value = Append(signature, "SignatureValue");
        var x509 = Append(Append(signature, "KeyInfo"), "X509Data");
        Append(x509, "X509SubjectName").InnerText = keyInfo.Subject;
        Append(x509, "X509Certificate").InnerText = keyInfo.Base64;
        var obj = Append(signature, "Object");
        obj.SetAttribute("Id", objectId);
        var propertiesNs = layout.PropertiesInNoNamespace ? "" : DsigNames.Ns;
        var properties = (XmlElement)obj.AppendChild(doc.CreateElement("SignatureProperties", propertiesNs))!;
        var property = (XmlElement)properties.AppendChild(doc.CreateElement("SignatureProperty", propertiesNs))!;
        property.SetAttribute("Target", "#" + signatureId);
        property.AppendChild(doc.CreateElement("SigningTime", propertiesNs))!.InnerText = signingTime.ToString(DsigNames.SigningTimeFormat, CultureInfo.InvariantCulture);

        // In place before any digest, so everything is hashed in its final document context.
        signatureParent.AppendChild(signature);
        contentDigest.InnerText = Convert.ToBase64String(DocumentC14N.Sha256(target, exclude: signature));
        timeDigest.InnerText = Convert.ToBase64String(DocumentC14N.Sha256(obj));
        var canonical = DocumentC14N.Canonicalize(signedInfo);
        value.InnerText = Convert.ToBase64String(rsa.SignData(canonical, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>
    /// Signs a 206: /TDiep/DLieu (given an Id "DL" + 16 hex of its SHA-256 when it has none) into
    /// /TDiep/CKSNNT, created after DLieu when missing.
    /// </summary>
    public static void SignPackage(XmlDocument doc, X509Certificate2 cert, DateTime signingTime)
    {
        ArgumentNullException.ThrowIfNull(cert);
        using var rsa = cert.GetRSAPrivateKey()
            ?? throw new ArgumentException("the certificate has no RSA private key", nameof(cert));
        SignPackage(doc, cert, rsa, signingTime);
    }

    /// <summary>
    /// Signs a 206 like <see cref="SignPackage(XmlDocument, X509Certificate2, DateTime)"/> with the private key
    /// held apart from the certificate (software key, HSM, remote signing service); <paramref name="cert"/>
    /// needs no private key but must carry the public half of <paramref name="signingKey"/>.
    /// </summary>
    public static void SignPackage(XmlDocument doc, X509Certificate2 cert, RSA signingKey, DateTime signingTime) =>
        SignPackage(doc, cert, signingKey, signingTime, SignatureLayout.Standard);

    /// <summary>Signs a 206 in a production sender's <paramref name="layout"/> (samples and conformance cases).</summary>
    public static void SignPackage(XmlDocument doc, X509Certificate2 cert, RSA signingKey, DateTime signingTime, SignatureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(cert);
        ArgumentNullException.ThrowIfNull(signingKey);
        var root = Root(doc);
        var content = Child(root, "DLieu") ?? throw new InvalidOperationException("/TDiep needs exactly one DLieu");
        EnsureId(content, "DL");
        var holder = Child(root, "CKSNNT");
        if (holder is null)
        {
            holder = doc.CreateElement("CKSNNT", root.NamespaceURI);
            root.InsertAfter(holder, content);
        }
        EnsureUnsigned(holder);
        Sign(doc, content, holder, cert, signingKey, signingTime, PackageSignatureId, layout);
    }

    /// <summary>
    /// Signs a notice (204 and the other TBao replies): /TDiep/DLieu/TBao/DLTBao into
    /// /TDiep/DLieu/TBao/DSCKS/CQT, creating DSCKS and CQT when missing.
    /// </summary>
    public static void SignNotice(XmlDocument doc, X509Certificate2 cert, DateTime signingTime) =>
        SignTbao(doc, cert, signingTime, "CQT", NoticeSignatureId);

    /// <summary>
    /// Signs a seller's notice in a TBao (303, Form 04/SS-HĐĐT): /TDiep/DLieu/TBao/DLTBao into
    /// /TDiep/DLieu/TBao/DSCKS/NNT, creating DSCKS and NNT when missing.
    /// </summary>
    public static void SignErroneousNotice(XmlDocument doc, X509Certificate2 cert, DateTime signingTime) =>
        SignTbao(doc, cert, signingTime, "NNT", PackageSignatureId);

    /// <summary>
    /// Signs a 303 like <see cref="SignErroneousNotice(XmlDocument, X509Certificate2, DateTime)"/> with the private key held
    /// apart from the certificate (software key, HSM, remote signing service).
    /// </summary>
    public static void SignErroneousNotice(XmlDocument doc, X509Certificate2 cert, RSA signingKey, DateTime signingTime)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        SignTbao(doc, cert, signingTime, "NNT", PackageSignatureId, signingKey);
    }

    /// <summary>Whether the document is a seller's TBao message (a 303): /TDiep/DLieu/TBao.</summary>
    public static bool IsTbao(XmlDocument doc) => Child(Child(Root(doc), "DLieu"), "TBao") is not null;

    private static void SignTbao(XmlDocument doc, X509Certificate2 cert, DateTime signingTime, string holderName, string signatureId,
        RSA? signingKey = null)
    {
        var (content, holder) = TbaoSlots(doc, holderName);
        if (signingKey is null) Sign(doc, content, holder, cert, signingTime, signatureId);
        else Sign(doc, content, holder, cert, signingKey, signingTime, signatureId);
    }

    /// <summary>
    /// Signs a notice like <see cref="SignNotice(XmlDocument, X509Certificate2, DateTime)"/> with an <see cref="Identity"/>
    /// whose key was checked against its certificate once, when it was made: what a signer of many notices uses.
    /// </summary>
    public static void SignNotice(XmlDocument doc, Identity identity, DateTime signingTime)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var (content, holder) = TbaoSlots(doc, "CQT");
        var rsa = identity.Rent();
        try
        {
            Sign(doc, content, holder, identity.KeyInfo, rsa, signingTime, NoticeSignatureId, SignatureLayout.Standard);
        }
        finally
        {
            identity.Return(rsa);
        }
    }

    // /TDiep/DLieu/TBao/DLTBao (given an Id when it has none) and its empty signature holder DSCKS/<holderName>, made when missing.
    private static (XmlElement Content, XmlElement Holder) TbaoSlots(XmlDocument doc, string holderName)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var notice = Child(Child(Root(doc), "DLieu"), "TBao")
            ?? throw new InvalidOperationException("/TDiep/DLieu/TBao is missing or repeated");
        var content = Child(notice, "DLTBao") ?? throw new InvalidOperationException("TBao needs exactly one DLTBao");
        EnsureId(content, "TB");
        var list = Child(notice, "DSCKS");
        if (list is null)
        {
            list = doc.CreateElement("DSCKS", notice.NamespaceURI);
            notice.InsertAfter(list, content);
        }
        var holder = Child(list, holderName);
        if (holder is null)
        {
            holder = doc.CreateElement(holderName, notice.NamespaceURI);
            list.AppendChild(holder);
        }
        EnsureUnsigned(holder);
        return (content, holder);
    }

    /// <summary>
    /// A certificate and its RSA private key, checked to match once (not per document), for a signer that issues
    /// many documents. Signing borrows one of the identity's key handles, so concurrent signers never share one.
    /// </summary>
    public sealed class Identity : IDisposable
    {
        private readonly X509Certificate2 _certificate;
        private readonly System.Collections.Concurrent.ConcurrentBag<RSA> _idle = [];
        private volatile bool _disposed;

        /// <exception cref="ArgumentException">The certificate has no RSA private key.</exception>
        public Identity(X509Certificate2 certificate)
        {
            ArgumentNullException.ThrowIfNull(certificate);
            var rsa = certificate.GetRSAPrivateKey()
                ?? throw new ArgumentException("the certificate has no RSA private key", nameof(certificate));
            EnsureKeyMatches(certificate, rsa);
            _certificate = certificate;
            KeyInfo = new KeyInfoText(certificate);
            _idle.Add(rsa);
        }

        public X509Certificate2 Certificate => _certificate;

        internal KeyInfoText KeyInfo { get; }

        // A handle of the same key: an idle one, else a new one (as many as sign at once).
        internal RSA Rent()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _idle.TryTake(out var rsa) ? rsa : _certificate.GetRSAPrivateKey()!;
        }

        internal void Return(RSA rsa)
        {
            _idle.Add(rsa);
            if (_disposed) Drain();
        }

        /// <summary>Disposes the key handles (not the certificate, which the caller owns).</summary>
        public void Dispose()
        {
            _disposed = true;
            Drain();
        }

        private void Drain()
        {
            while (_idle.TryTake(out var rsa)) rsa.Dispose();
        }
    }

    // The certificate goes into KeyInfo; a verifier checks the signature with its public key.
    private static void EnsureKeyMatches(X509Certificate2 certificate, RSA signingKey)
    {
        using var certificateKey = certificate.GetRSAPublicKey()
            ?? throw new ArgumentException("the certificate has no RSA public key", nameof(certificate));
        var expected = certificateKey.ExportParameters(includePrivateParameters: false);
        var actual = signingKey.ExportParameters(includePrivateParameters: false);
        if (!TrimmedEquals(expected.Modulus, actual.Modulus) || !TrimmedEquals(expected.Exponent, actual.Exponent))
            throw new ArgumentException(
                $"the signing key is not the key of the certificate '{certificate.Subject}': its signatures would not verify",
                nameof(signingKey));
    }

    private static bool TrimmedEquals(byte[]? a, byte[]? b) =>
        a is not null && b is not null && a.AsSpan().TrimStart((byte)0).SequenceEqual(b.AsSpan().TrimStart((byte)0));

    private static XmlElement Root(XmlDocument doc) =>
        doc.DocumentElement is { LocalName: "TDiep" } root ? root : throw new InvalidOperationException("the document element must be TDiep");

    private static XmlElement? Child(XmlElement? parent, string name) =>
        parent is null ? null : DomPath.Single(parent, name, parent.NamespaceURI);

    // A caller-independent Id, stable for the same content.
    private static void EnsureId(XmlElement element, string prefix)
    {
        if (element.HasAttribute("Id")) return;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(element.OuterXml));
        element.SetAttribute("Id", prefix + Convert.ToHexString(hash, 0, 8));
    }

    private static void EnsureUnsigned(XmlElement holder)
    {
        if (DomPath.Children(holder, "Signature", DsigNames.Ns).Count > 0)
            throw new InvalidOperationException($"{DomPath.Of(holder)} already holds a signature");
    }

    private static XmlElement AppendReference(XmlElement signedInfo, string uri, string? type, bool enveloped)
    {
        var reference = Append(signedInfo, "Reference");
        if (type is not null) reference.SetAttribute("Type", type);
        reference.SetAttribute("URI", uri);
        if (enveloped) Append(Append(reference, "Transforms"), "Transform").SetAttribute("Algorithm", DsigNames.Enveloped);
        Append(reference, "DigestMethod").SetAttribute("Algorithm", DsigNames.Sha256);
        return Append(reference, "DigestValue");
    }

    private static XmlElement Ds(XmlDocument doc, string name) => doc.CreateElement(name, DsigNames.Ns);

    private static XmlElement Append(XmlElement parent, string name) =>
        (XmlElement)parent.AppendChild(Ds(parent.OwnerDocument, name))!;
}

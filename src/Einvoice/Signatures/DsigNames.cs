namespace ConformanceKit.Einvoice.Signatures;

/// <summary>XMLDSig namespace and the algorithm identifiers this project accepts or names in errors.</summary>
internal static class DsigNames
{
    public const string Ns = "http://www.w3.org/2000/09/xmldsig#";
    public const string XmlNs = "http://www.w3.org/XML/1998/namespace";
    public const string XmlnsNs = "http://www.w3.org/2000/xmlns/";

    public const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    public const string C14NWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    public const string Enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public const string RsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";

    public const string SignaturePropertiesType = "http://www.w3.org/2000/09/xmldsig#SignatureProperties";

    /// <summary>Format of SigningTime: local time (GMT+7), no offset, as real documents carry it.</summary>
    public const string SigningTimeFormat = "yyyy-MM-ddTHH:mm:ss";
}

using System.Security.Cryptography;
using System.Text;
using System.Xml;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// How the judgement reads a seller's traffic to its T-VAN (<see cref="TvanXmlBackend"/>): a TDiep sent again for the same
/// package (the same <c>DLieu</c>) must keep its <c>MTDiep</c> (same-id-on-retry), and every TDiep must carry the seller's
/// valid signature over <c>DLieu</c> (<c>signature</c>, XMLDSig verified as the T-VAN does).
/// </summary>
public static class TvanXmlJudge
{
    private const string Receive = TvanXmlBackend.Root + "/TiepNhanThongDiep/TiepNhan";

    public static JudgeSpec Spec { get; } = new(
        (method, path) => method == "POST" && path == TvanXmlBackend.Root + "/Authentication/GetTokenXML",
        (method, path, _) => method == "POST" && path == Receive,
        body => Load(body)?.DocumentElement?["TTChung"]?["MTDiep"]?.InnerText.Trim() is { Length: > 0 } id ? id : null,
        (status, body) => status == 200 && body.Contains("<TTTNhan>0</TTTNhan>", StringComparison.Ordinal))
    {
        SaleKey = body => Load(body)?.DocumentElement?["DLieu"] is { } data
            ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(data.OuterXml))) : null,
        Content = Signature,
        ContentRules = ["signature"],
        Refused = (status, _) => status == 400,
    };

    private static XmlDocument? Load(string body)
    {
        try
        {
            return SafeXml.LoadDocument(Encoding.UTF8.GetBytes(body));
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static IEnumerable<(string, string)> Signature(string body)
    {
        if (Load(body) is not { } doc)
        {
            yield return ("signature", "the TDiep is not XML: nothing to verify");
            yield break;
        }
        var check = XmlSignatureVerifier.VerifyPackage(doc);
        if (!check.IsValid) yield return ("signature", "the seller's signature over DLieu does not verify: " + string.Join("; ", check.Problems));
    }
}

using System.Text;
using System.Xml;
using System.Xml.Linq;
using ConformanceKit.Einvoice.Xml;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// The SOAP edge of the VNPT profile: an ASMX web method call (SOAP 1.1 or 1.2, namespace http://tempuri.org/) read into its
/// name and string arguments, and the answer written as ASMX writes a <c>string</c> result (<c>{Method}Response/{Method}Result</c>).
/// </summary>
internal static class VnptSoap
{
    public static readonly XNamespace Tempuri = "http://tempuri.org/";
    private static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>A web method call: its name and its arguments by name (the text of each child element).</summary>
    public sealed record Call(string Method, IReadOnlyDictionary<string, string> Args)
    {
        public string Arg(string name) => Args.TryGetValue(name, out var v) ? v.Trim() : "";
    }

    /// <summary>The call in a SOAP envelope, or null (and why) when the body is not one.</summary>
    public static async Task<(Call? Call, string? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > SafeXml.MaxMessageBytes) return (null, "the envelope is over the size limit");
        try
        {
            var doc = Load(buffer.ToArray());
            var body = doc.Root is { Name.LocalName: "Envelope" } envelope ? envelope.Elements().FirstOrDefault(e => e.Name.LocalName == "Body") : null;
            var call = body?.Elements().FirstOrDefault();
            if (call is null) return (null, "not a SOAP envelope with a body");
            var args = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var a in call.Elements()) args.TryAdd(a.Name.LocalName, a.Value);
            return (new Call(call.Name.LocalName, args), null);
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or DecoderFallbackException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>An XML document from untrusted bytes or text: no DTD, no resolver, the size limit of every message.</summary>
    public static XDocument Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, SafeXml.ReaderSettings());
        return XDocument.Load(reader);
    }

    public static XDocument Load(string text)
    {
        using var sr = new StringReader(text);
        using var reader = XmlReader.Create(sr, SafeXml.ReaderSettings());
        return XDocument.Load(reader);
    }

    /// <summary>The string result of a web method, as ASMX answers it (HTTP 200, text/xml).</summary>
    public static IResult Result(string method, string result) => Envelope(
        new XElement(Tempuri + (method + "Response"), new XElement(Tempuri + (method + "Result"), result)), 200);

    /// <summary>A SOAP fault: soap:Client for what the caller sent (400), soap:Server for the service's own failure (500).</summary>
    public static IResult Fault(bool client, string text) => Envelope(
        new XElement(Soap11 + "Fault", new XElement("faultcode", client ? "soap:Client" : "soap:Server"), new XElement("faultstring", text)),
        client ? 400 : 500);

    private static IResult Envelope(XElement content, int status)
    {
        var envelope = new XElement(Soap11 + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Soap11.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            new XAttribute(XNamespace.Xmlns + "xsd", "http://www.w3.org/2001/XMLSchema"),
            new XElement(Soap11 + "Body", content));
        return Results.Content(new XDeclaration("1.0", "utf-8", null) + envelope.ToString(SaveOptions.DisableFormatting),
            "text/xml; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The result string of a SOAP answer (for the judgement): the text of the first <c>…Result</c> element, or null.</summary>
    public static string? ResultOf(string body)
    {
        try
        {
            return Load(body).Descendants().FirstOrDefault(e => e.Name.LocalName.EndsWith("Result", StringComparison.Ordinal))?.Value;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}

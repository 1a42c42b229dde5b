using System.Text;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Endpoints;

/// <summary>XML answers: one TDiep, or a DSTDiep list of them.</summary>
public static class XmlResults
{
    public const string ContentType = "application/xml; charset=utf-8";

    public static IResult Message(byte[] body, int status = 200) => new BytesResult(body, status);

    private sealed class BytesResult(byte[] body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = ContentType;
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask();
        }
    }

    /// <summary>&lt;DSTDiep [next="…"]&gt; holding each response's TDiep without its XML declaration.</summary>
    public static byte[] List(IEnumerable<OutboundResponse> responses, long? next = null)
    {
        using var ms = new MemoryStream();
        var head = next is { } n ? $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DSTDiep next=\"{n}\">" : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DSTDiep>";
        ms.Write(Encoding.UTF8.GetBytes(head));
        foreach (var r in responses)
        {
            ms.WriteByte((byte)'\n');
            ms.Write(WithoutDeclaration(r.Body));
        }
        ms.Write("\n</DSTDiep>\n"u8);
        return ms.ToArray();
    }

    public static ReadOnlySpan<byte> WithoutDeclaration(ReadOnlySpan<byte> xml)
    {
        if (xml.StartsWith("\uFEFF"u8)) xml = xml[3..];
        if (xml.StartsWith("<?xml"u8))
        {
            var end = xml.IndexOf("?>"u8);
            if (end >= 0) xml = xml[(end + 2)..];
        }
        while (xml.Length > 0 && (xml[0] == (byte)'\n' || xml[0] == (byte)'\r' || xml[0] == (byte)' ')) xml = xml[1..];
        return xml;
    }
}

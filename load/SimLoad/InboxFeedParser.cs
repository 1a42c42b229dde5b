using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// Reads one page of the inbox feed: <c>&lt;DSTDiep next="CURSOR"&gt;</c> holding response
/// <c>TDiep</c> elements. Elements are matched by local name, so a namespace on the notices
/// (or the signature's) does not matter.
/// </summary>
public static class InboxFeedParser
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
    };

    public static (IReadOnlyList<InboxNotice> Notices, string? Next) Parse(byte[] body)
    {
        var notices = new List<InboxNotice>();
        string? next = null;
        using var stream = new MemoryStream(body, writable: false);
        using var reader = XmlReader.Create(stream, Settings);
        if (reader.MoveToContent() != XmlNodeType.Element) return (notices, null);
        next = reader.GetAttribute("next");
        if (reader.IsEmptyElement) return (notices, next);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "TDiep")
                notices.Add(ToNotice((XElement)XNode.ReadFrom(reader)));
            else
                reader.Read();
        }
        return (notices, next);
    }

    public static InboxNotice ToNotice(XElement tdiep)
    {
        var header = Child(tdiep, "TTChung");
        var data = Child(Child(Child(Child(tdiep, "DLieu"), "TBao"), "DLTBao"), "LTBao");
        var kind = int.TryParse(data?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0;
        var errors = tdiep.Descendants().Where(e => e.Name.LocalName == "LDo")
            .Select(e => new NoticeError(Child(e, "MLoi")?.Value, Child(e, "MTLoi")?.Value, Child(e, "GChu")?.Value))
            .ToList();
        return new InboxNotice(Child(header, "MLTDiep")?.Value?.Trim(), Child(header, "MTDiep")?.Value?.Trim(),
            Child(header, "MTDTChieu")?.Value?.Trim(), kind, errors);
    }

    private static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}

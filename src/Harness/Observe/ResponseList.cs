using System.Xml;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Harness.Observe;

/// <summary>Splits a &lt;DSTDiep&gt; (the responses route's answer) into each TDiep's bytes.</summary>
public static class ResponseList
{
    public static IReadOnlyList<byte[]> Split(byte[] list)
    {
        var doc = SafeXml.LoadDocument(list);
        return [.. doc.DocumentElement!.ChildNodes.OfType<XmlElement>().Select(e =>
        {
            var one = new XmlDocument { PreserveWhitespace = true };
            one.AppendChild(one.ImportNode(e, deep: true));
            return SafeXml.ToBytes(one);
        })];
    }
}

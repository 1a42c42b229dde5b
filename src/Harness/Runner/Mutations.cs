using System.Text;
using System.Xml;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Harness.Runner;

/// <summary>Applies a case's mutations to a valid document: XPath edits on the DOM, or text replacement on the bytes.</summary>
public static class Mutations
{
    public static byte[] Apply(byte[] document, IEnumerable<Mutation> mutations, Func<string, string> expand)
    {
        foreach (var m in mutations)
            document = m.Op == "replace" ? Replace(document, expand(m.From!), expand(m.To!)) : Edit(document, m, expand);
        return document;
    }

    private static byte[] Replace(byte[] document, string from, string to)
    {
        var text = Encoding.UTF8.GetString(document);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        if (at < 0) throw new MutationException($"replace: '{from}' does not occur in the document");
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length)));
    }

    private static byte[] Edit(byte[] document, Mutation m, Func<string, string> expand)
    {
        var doc = SafeXml.LoadDocument(document);
        var path = expand(m.Path!);
        var node = doc.SelectSingleNode(path) ?? throw new MutationException($"{m.Op}: nothing at {path}");
        switch (m.Op)
        {
            case "set":
                node.InnerText = expand(m.Value ?? "");
                break;
            case "remove":
                node.ParentNode!.RemoveChild(node);
                break;
            case "copy":
                var source = doc.SelectSingleNode(expand(m.From!)) ?? throw new MutationException($"copy: nothing at {m.From}");
                node.InnerText = source.InnerText;
                break;
            case "rename":
                var renamed = doc.CreateElement(expand(m.Value!));
                while (node.FirstChild is { } child) renamed.AppendChild(child);
                foreach (var attribute in node.Attributes!.OfType<XmlAttribute>().ToList()) renamed.Attributes.Append((XmlAttribute)attribute.Clone());
                node.ParentNode!.ReplaceChild(renamed, node);
                break;
            case "insert":
                var fragment = doc.CreateDocumentFragment();
                fragment.InnerXml = expand(m.Value!);
                node.ParentNode!.InsertAfter(fragment, node);
                break;
            default:
                throw new MutationException($"unknown mutation '{m.Op}'");
        }
        return SafeXml.ToBytes(doc);
    }
}

public sealed class MutationException(string message) : Exception(message);

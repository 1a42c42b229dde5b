using System.Text;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>Random well-formed documents around one element with Id="apex", for comparing C14N implementations.</summary>
internal static class GeneratedDocument
{
    private static readonly string[] Prefixes = ["a", "b", "c"];
    private static readonly string[] Uris = ["urn:a", "urn:b", "http://example.com/x?y=1&z=2", "urn:ä"];
    private static readonly string[] Texts = ["x", "&amp;", "&lt;", "&gt;", ">", "&#xD;", "&#13;", "\r\n", "\n", "\t", " ", "\"", "'", "Việt", "😀", "&#x1F600;", "]]&gt;", "a&amp;b"];
    private static readonly string[] AttributeTexts = ["v", "&amp;", "&lt;", "&quot;", "'", "&#9;", "&#xA;", "&#xD;", "\t", "\n", " ", ">", "Đ", "😀"];

    public static string Build(Random random)
    {
        var sb = new StringBuilder();
        var scope = new List<string>();
        var ancestors = random.Next(0, 4);
        var names = new Stack<string>();
        for (var i = 0; i < ancestors; i++)
        {
            var name = StartElement(random, sb, scope, i == 0 ? "r" : "p" + i, apex: false, xmlAttributes: true);
            names.Push(name);
            if (random.Next(3) == 0) Content(random, sb, scope, 1);
        }
        var apexScope = new List<string>(scope);
        var apexName = StartElement(random, sb, apexScope, "e", apex: true, xmlAttributes: random.Next(2) == 0);
        Content(random, sb, apexScope, 3);
        sb.Append("</").Append(apexName).Append('>');
        while (names.Count > 0)
        {
            if (random.Next(3) == 0) sb.Append("<t/>");
            sb.Append("</").Append(names.Pop()).Append('>');
        }
        var text = sb.ToString();
        // With no ancestor the apex is the root: it needs the name the harness's placement expects nothing of.
        return text;
    }

    private static string StartElement(Random random, StringBuilder sb, List<string> scope, string local, bool apex, bool xmlAttributes)
    {
        var declared = new List<string>();
        var attributes = new StringBuilder();
        // Namespace declarations: default (possibly undeclared) and prefixed ones.
        if (random.Next(3) == 0) attributes.Append(" xmlns=\"").Append(random.Next(3) == 0 ? "" : Pick(random, Uris).Replace("&", "&amp;")).Append('"');
        foreach (var p in Prefixes)
            if (random.Next(4) == 0) { attributes.Append(" xmlns:").Append(p).Append("=\"").Append(Pick(random, Uris).Replace("&", "&amp;")).Append('"'); declared.Add(p); }
        scope.AddRange(declared.Where(p => !scope.Contains(p)));
        var prefix = scope.Count > 0 && random.Next(2) == 0 ? Pick(random, scope.ToArray()) + ":" : "";
        if (apex) attributes.Append(" Id=\"apex\"");
        var used = new HashSet<string>();
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            var attrPrefix = scope.Count > 0 && random.Next(2) == 0 ? Pick(random, scope.ToArray()) + ":" : "";
            var name = attrPrefix + "k" + random.Next(4);
            // Two prefixes bound to the same URI would make k twice the same expanded name: keep names unique by local part.
            if (!used.Add(name[(name.IndexOf(':') + 1)..])) continue;
            attributes.Append(' ').Append(name).Append("=\"").Append(Value(random, AttributeTexts)).Append('"');
        }
        if (xmlAttributes && random.Next(2) == 0) attributes.Append(" xml:lang=\"").Append(Pick(random, ["vi", "en", ""])).Append('"');
        if (xmlAttributes && random.Next(4) == 0) attributes.Append(" xml:space=\"preserve\"");
        var qname = prefix + local;
        sb.Append('<').Append(qname).Append(attributes).Append('>');
        return qname;
    }

    private static void Content(Random random, StringBuilder sb, List<string> scope, int depth)
    {
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            switch (random.Next(8))
            {
                case 0 or 1: sb.Append(Value(random, Texts)); break;
                case 2: sb.Append("<!-- c").Append(random.Next(10)).Append(" -->"); break;
                case 3: sb.Append("<?pi").Append(random.Next(2) == 0 ? "" : " data x=\"1\"").Append("?>"); break;
                case 4: sb.Append("<![CDATA[").Append(Pick(random, ["a<b", "&amp;", "x\r\ny", "]]"])).Append("]]>"); break;
                case 5: sb.Append(Pick(random, ["<z/>", "<z></z>", "<z a=\"1\"/>"])); break;
                default:
                    if (depth == 0) { sb.Append("<w/>"); break; }
                    var inner = new List<string>(scope);
                    var name = StartElement(random, sb, inner, "c" + depth, apex: false, xmlAttributes: true);
                    Content(random, sb, inner, depth - 1);
                    sb.Append("</").Append(name).Append('>');
                    break;
            }
        }
    }

    private static string Value(Random random, string[] parts)
    {
        var sb = new StringBuilder();
        for (var i = random.Next(0, 4); i > 0; i--) sb.Append(Pick(random, parts));
        return sb.ToString();
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}

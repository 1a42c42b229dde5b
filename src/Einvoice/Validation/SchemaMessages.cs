using System.Text.RegularExpressions;
using System.Xml.Schema;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>Turns the framework's schema messages into a short statement and a plain "expected".</summary>
internal static partial class SchemaMessages
{
    [GeneratedRegex(@"List of possible elements expected: (?<exp>.+?)\.?$")]
    private static partial Regex ExpectedElements();

    [GeneratedRegex(@" in namespace '[^']*'")]
    private static partial Regex NamespaceNoise();

    /// <summary>
    /// True when the error is about which elements appear (a missing, extra or misplaced element), not about a value:
    /// the validator reports a missing element at the element that came instead.
    /// </summary>
    public static bool IsStructural(XmlSchemaException ex) =>
        ex.Message.Contains("invalid child element", StringComparison.Ordinal) || ex.Message.Contains("incomplete content", StringComparison.Ordinal);

    public static string Clean(string message)
    {
        var text = NamespaceNoise().Replace(message, "");
        return text.Replace(" as well as any element", "", StringComparison.Ordinal).Trim();
    }

    /// <summary>What the schema wanted, in plain words, or null when it cannot be told.</summary>
    [GeneratedRegex(@"according to its datatype '(?<type>[A-Za-z0-9_]+)'")]
    private static partial Regex DatatypeName();

    public static string? Expected(XmlSchemaException ex, XmlSchemaSet schemas)
    {
        var m = ExpectedElements().Match(Clean(ex.Message));
        if (m.Success)
            return "element " + m.Groups["exp"].Value.Replace("'", "", StringComparison.Ordinal);
        var type = ex.SourceSchemaObject switch
        {
            XmlSchemaElement e => e.ElementSchemaType,
            XmlSchemaAttribute a => a.AttributeSchemaType,
            _ => null,
        };
        // The framework often leaves SourceSchemaObject empty; its message names the type instead.
        if (type is null && DatatypeName().Match(ex.Message) is { Success: true } named)
            type = schemas.GlobalTypes[new System.Xml.XmlQualifiedName(named.Groups["type"].Value)] as XmlSchemaType;
        return type is XmlSchemaSimpleType simple ? Describe(simple) : null;
    }

    /// <summary>Describes a simple type by its facets ("one of …", "at most N characters", pattern).</summary>
    public static string? Describe(XmlSchemaSimpleType type)
    {
        var parts = new List<string>();
        var enums = new List<string>();
        for (XmlSchemaType? t = type; t is XmlSchemaSimpleType st; t = t.BaseXmlSchemaType)
        {
            if (st.Content is not XmlSchemaSimpleTypeRestriction r) break;
            foreach (var facet in r.Facets)
            {
                switch (facet)
                {
                    case XmlSchemaEnumerationFacet e: enums.Add(e.Value!); break;
                    case XmlSchemaMaxLengthFacet f: parts.Add($"at most {f.Value} characters"); break;
                    case XmlSchemaMinLengthFacet f when f.Value != "0": parts.Add($"at least {f.Value} characters"); break;
                    case XmlSchemaLengthFacet f: parts.Add($"exactly {f.Value} characters"); break;
                    case XmlSchemaPatternFacet f: parts.Add($"matching {f.Value}"); break;
                    case XmlSchemaTotalDigitsFacet f: parts.Add($"at most {f.Value} digits"); break;
                    case XmlSchemaFractionDigitsFacet f: parts.Add($"at most {f.Value} decimals"); break;
                }
            }
            if (enums.Count > 0 || parts.Count > 0) break;
        }
        if (enums.Count > 0) parts.Insert(0, "one of " + string.Join(", ", enums));
        var baseName = type.Datatype?.TypeCode switch
        {
            XmlTypeCode.Decimal or XmlTypeCode.Integer or XmlTypeCode.Int or XmlTypeCode.NonNegativeInteger
                or XmlTypeCode.PositiveInteger or XmlTypeCode.Long or XmlTypeCode.UnsignedInt => "a number",
            XmlTypeCode.Date => "a date YYYY-MM-DD",
            XmlTypeCode.DateTime => "a date-time YYYY-MM-DDThh:mm:ss",
            _ => null,
        };
        if (baseName is not null && enums.Count == 0) parts.Insert(0, baseName);
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}

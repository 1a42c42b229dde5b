using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace ConformanceKit.Einvoice.Tests.Schemas;

/// <summary>Validation helper and fixture lookup for the schema tests.</summary>
internal static class SchemaTestSupport
{
    /// <summary>Validates <paramref name="xml"/> against <paramref name="set"/>; every validation event, in order.</summary>
    public static List<string> Validate(XmlSchemaSet set, string xml)
    {
        var events = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = set,
        };
        settings.ValidationEventHandler += (_, e) =>
            events.Add($"{e.Severity} {e.Exception?.LineNumber}:{e.Exception?.LinePosition} {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return events;
    }

    public static void AssertValid(XmlSchemaSet set, string xml)
    {
        var events = Validate(set, xml);
        Assert.True(events.Count == 0, "expected no validation events, got:\n" + string.Join("\n", events));
    }

    /// <summary>Asserts at least one event and that some event contains every fragment.</summary>
    public static List<string> AssertInvalid(XmlSchemaSet set, string xml, params string[] fragments)
    {
        var events = Validate(set, xml);
        Assert.True(events.Count > 0, "expected validation errors, got none");
        Assert.True(
            events.Any(e => fragments.All(f => e.Contains(f, StringComparison.Ordinal))),
            $"no event contains all of [{string.Join(" | ", fragments)}]:\n" + string.Join("\n", events));
        return events;
    }

    /// <summary>Applies a one-place edit that must match exactly once.</summary>
    public static string ReplaceOnce(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not found");
        Assert.True(text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"'{from}' found more than once");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    /// <summary>Reads a real document from samples/real (committed with the repository).</summary>
    public static string ReadFixture(string name) =>
        File.ReadAllText(Path.Combine(RepoPaths.RealSamples, name), Encoding.UTF8);
}

using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Reads a file of Schemas/Fixtures: from the output directory when copied there, else next to
    /// this source file, else under the repository root found above the working directory.
    /// </summary>
    public static string ReadFixture(string name, [CallerFilePath] string sourcePath = "")
    {
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "Schemas", "Fixtures", name) };
        if (sourcePath.Length > 0)
            candidates.Add(Path.Combine(Path.GetDirectoryName(sourcePath)!, "Fixtures", name));
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ConformanceKit.sln")))
                    candidates.Add(Path.Combine(dir.FullName, "tests", "Einvoice.Tests", "Schemas", "Fixtures", name));
        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("fixture not found; looked at:\n" + string.Join("\n", candidates), name);
        return File.ReadAllText(found, Encoding.UTF8);
    }
}

using System.Collections.ObjectModel;
using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace ConformanceKit.Einvoice.Schemas;

/// <summary>
/// The project's XML Schemas (XSD 1.0, no target namespace), embedded in this assembly: one per
/// supported message type (<c>&lt;type&gt;.xsd</c>), the envelope-only <c>envelope.xsd</c>, and the
/// shared <c>common.xsd</c> they include.
/// </summary>
/// <remarks>
/// Each set is compiled once, on first use, and shared. A compiled <see cref="XmlSchemaSet"/> may be
/// used by any number of concurrent validating readers (assign it to
/// <see cref="XmlReaderSettings.Schemas"/>), but it must be treated as read-only: never
/// <c>Add</c>, <c>Remove</c>, <c>Reprocess</c> or <c>Compile</c> it, and do not turn on
/// <see cref="XmlSchemaValidationFlags.ProcessInlineSchema"/> or
/// <see cref="XmlSchemaValidationFlags.ProcessSchemaLocation"/> (untrusted documents would then add
/// schemas). Validate with <see cref="ValidationType.Schema"/> and collect every
/// <see cref="XmlReaderSettings.ValidationEventHandler"/> event.
/// </remarks>
public static class SchemaCatalog
{
    /// <summary>File name of the shared types included by every other schema.</summary>
    public const string CommonFile = "common.xsd";

    /// <summary>File name of the envelope-only schema.</summary>
    public const string EnvelopeFile = "envelope.xsd";

    private static readonly string[] Types = ["100", "102", "103", "204", "206", "301", "302", "303", "999"];

    private static readonly Dictionary<string, Lazy<XmlSchemaSet>> Sets =
        Types.ToDictionary(
            t => t,
            t => new Lazy<XmlSchemaSet>(() => Compile(t + ".xsd"), LazyThreadSafetyMode.ExecutionAndPublication),
            StringComparer.Ordinal);

    private static readonly Lazy<XmlSchemaSet> EnvelopeSet =
        new(() => Compile(EnvelopeFile), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Message types (MLTDiep) that have a full schema, in ascending order.</summary>
    public static IReadOnlyCollection<string> MessageTypes { get; } = new ReadOnlyCollection<string>(Types);

    /// <summary>
    /// The compiled schema set whose global <c>TDiep</c> is the complete message of type
    /// <paramref name="messageType"/> ("206", "999", "204", "100", "102", "103", "303", "301",
    /// "302"); null for any other type. Compiled on first use, then shared (read-only).
    /// </summary>
    public static XmlSchemaSet? For(string messageType)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        return Sets.TryGetValue(messageType, out var set) ? set.Value : null;
    }

    /// <summary>
    /// The envelope-only set: a strict <c>TTChung</c>, any content in <c>DLieu</c> and after it.
    /// For reception checks of any message type. Shared and read-only.
    /// </summary>
    public static XmlSchemaSet Envelope => EnvelopeSet.Value;

    /// <summary>File name of the schema for a message type ("206" → "206.xsd"); null when there is none.</summary>
    public static string? FileFor(string messageType) =>
        Sets.ContainsKey(messageType) ? messageType + ".xsd" : null;

    /// <summary>File names of every embedded schema (common.xsd and envelope.xsd included).</summary>
    public static IReadOnlyCollection<string> SchemaFiles { get; } =
        new ReadOnlyCollection<string>(EmbeddedSchemaResolver.ResourceFileNames().Order(StringComparer.Ordinal).ToArray());

    /// <summary>The text of an embedded schema, e.g. "206.xsd" or "common.xsd" (for docs and tests).</summary>
    /// <exception cref="FileNotFoundException">No embedded schema has that name.</exception>
    public static string ReadSchemaText(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        using var stream = EmbeddedSchemaResolver.OpenResource(fileName)
            ?? throw new FileNotFoundException($"No embedded schema '{fileName}'.", fileName);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Reads and compiles one embedded schema with its includes. Any error or warning (an
    /// unresolved include is only a warning to <see cref="XmlSchemaSet"/>) is a build defect.
    /// </summary>
    internal static XmlSchemaSet Compile(string fileName)
    {
        var problems = new List<string>();
        void Collect(object? sender, ValidationEventArgs e) =>
            problems.Add($"{e.Severity}: {e.Message} ({e.Exception?.SourceUri}:{e.Exception?.LineNumber}:{e.Exception?.LinePosition})");

        var set = new XmlSchemaSet { XmlResolver = new EmbeddedSchemaResolver() };
        set.ValidationEventHandler += Collect;

        using (var stream = EmbeddedSchemaResolver.OpenResource(fileName)
                   ?? throw new FileNotFoundException($"No embedded schema '{fileName}'.", fileName))
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                CloseInput = false,
            };
            using var reader = XmlReader.Create(stream, settings, EmbeddedSchemaResolver.UriFor(fileName).AbsoluteUri);
            var schema = XmlSchema.Read(reader, Collect)
                ?? throw new InvalidOperationException($"Schema {fileName} could not be read.");
            set.Add(schema);
        }

        set.Compile();
        set.ValidationEventHandler -= Collect;
        // The resolver is only needed for the includes; drop it so nothing can resolve later.
        set.XmlResolver = null;

        if (problems.Count > 0)
            throw new InvalidOperationException($"Schema {fileName} does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        return set;
    }
}

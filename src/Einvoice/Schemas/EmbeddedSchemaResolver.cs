using System.Reflection;
using System.Xml;

namespace ConformanceKit.Einvoice.Schemas;

/// <summary>
/// Serves the schemas embedded in this assembly (logical names
/// <c>ConformanceKit.Einvoice.Schemas.&lt;file&gt;</c>) for <c>xs:include</c>, and nothing else:
/// no file system, no network. Used only while compiling the schema sets.
/// </summary>
internal sealed class EmbeddedSchemaResolver : XmlResolver
{
    /// <summary>Base URI under which every embedded schema is addressed.</summary>
    public static readonly Uri BaseUri = new("embedded:///ConformanceKit/Einvoice/Schemas/");

    internal const string ResourcePrefix = "ConformanceKit.Einvoice.Schemas.";

    private static readonly Assembly Assembly = typeof(EmbeddedSchemaResolver).Assembly;

    public static Uri UriFor(string fileName) => new(BaseUri, fileName);

    public override Uri ResolveUri(Uri? baseUri, string? relativeUri)
    {
        ArgumentNullException.ThrowIfNull(relativeUri);
        if (Uri.TryCreate(relativeUri, UriKind.Absolute, out var absolute))
            return absolute;
        return new Uri(baseUri is { IsAbsoluteUri: true } ? baseUri : BaseUri, relativeUri);
    }

    public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
    {
        ArgumentNullException.ThrowIfNull(absoluteUri);
        if (ofObjectToReturn is not null && ofObjectToReturn != typeof(Stream) && ofObjectToReturn != typeof(object))
            throw new XmlException($"Unsupported entity type {ofObjectToReturn} for {absoluteUri}.");
        if (!absoluteUri.IsAbsoluteUri || absoluteUri.Scheme != BaseUri.Scheme
            || !absoluteUri.AbsolutePath.StartsWith(BaseUri.AbsolutePath, StringComparison.Ordinal))
            throw new XmlException($"Only embedded schemas can be resolved, not '{absoluteUri}'.");
        var fileName = absoluteUri.AbsolutePath[BaseUri.AbsolutePath.Length..];
        return OpenResource(fileName)
            ?? throw new FileNotFoundException($"No embedded schema '{fileName}'.", fileName);
    }

    public override bool SupportsType(Uri absoluteUri, Type? type) =>
        type is null || type == typeof(Stream) || type == typeof(object);

    /// <summary>Opens an embedded schema by file name (e.g. "206.xsd"); null when there is none.</summary>
    public static Stream? OpenResource(string fileName)
    {
        if (fileName.Length == 0 || fileName.Contains('/') || fileName.Contains('\\'))
            return null;
        return Assembly.GetManifestResourceStream(ResourcePrefix + fileName);
    }

    /// <summary>File names of every embedded schema.</summary>
    public static IEnumerable<string> ResourceFileNames() =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".xsd", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]);
}

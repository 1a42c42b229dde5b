using System.CommandLine;
using System.CommandLine.Parsing;

namespace ConformanceKit.Conformance.Commands.Provider;

/// <summary>An option holding an http(s) base address, always ending in '/', refused with a usage error otherwise.</summary>
internal static class HttpUrl
{
    public static Option<Uri> Option(string name, string description, string fallback) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => new Uri(fallback),
        CustomParser = Parse,
    };

    private static Uri? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri;
        result.AddError($"'{text}' is not an http(s) URL");
        return null;
    }
}

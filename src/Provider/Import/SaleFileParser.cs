using System.Text;

namespace ConformanceKit.Provider.Import;

/// <summary>
/// Reads a sale file (CSV or JSON, docs/provider-import.md) into its sales, or into every mapping
/// error it holds — all of them, with file, row and column — and then no sale at all.
/// </summary>
public static class SaleFileParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The format of a file by its extension (.csv, .json; any case), or null for another file.</summary>
    public static SaleFileFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => SaleFileFormat.Csv,
        ".json" => SaleFileFormat.Json,
        _ => null,
    };

    /// <summary>Reads the file at <paramref name="path"/>; its format follows from the extension.</summary>
    /// <exception cref="ArgumentException">The extension is neither .csv nor .json.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SaleFileParseResult ParseFile(string path)
    {
        var format = FormatOf(path) ?? throw new ArgumentException($"'{path}' is neither a .csv nor a .json file", nameof(path));
        return Parse(Path.GetFileName(path), File.ReadAllBytes(path), format);
    }

    /// <summary>Reads the UTF-8 content (a BOM is allowed) of a file named <paramref name="fileName"/>.</summary>
    public static SaleFileParseResult Parse(string fileName, ReadOnlyMemory<byte> content, SaleFileFormat format)
    {
        var bytes = content;
        if (bytes.Span.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[3..];
        if (format == SaleFileFormat.Json) return SaleJsonFileParser.Parse(fileName, bytes);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            return new SaleFileParseResult([], [new MappingError(fileName, 1, "", "the file is not UTF-8 text (save it as CSV UTF-8)")]);
        }
        return SaleCsvParser.Parse(fileName, text);
    }

    /// <summary>Reads CSV or JSON text (tests, the API).</summary>
    public static SaleFileParseResult Parse(string fileName, string content, SaleFileFormat format) =>
        Parse(fileName, Encoding.UTF8.GetBytes(content), format);
}

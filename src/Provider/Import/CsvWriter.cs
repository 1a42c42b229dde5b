using System.Text;

namespace ConformanceKit.Provider.Import;

/// <summary>Writes small RFC 4180 CSV report files (UTF-8 with BOM, so spreadsheets read Vietnamese right).</summary>
internal static class CsvWriter
{
    public static string Field(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value.StartsWith(' ') || value.EndsWith(' ')
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>Writes the rows to a temporary file next to <paramref name="path"/>, then renames it into place.</summary>
    public static void Write(string path, IEnumerable<IEnumerable<string?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows) text.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        var temp = path + ".tmp";
        File.WriteAllText(temp, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.Move(temp, path, overwrite: true);
    }
}

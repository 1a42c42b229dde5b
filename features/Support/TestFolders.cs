using System.Text;

namespace ConformanceKit.Features.Support;

/// <summary>Where a failing scenario's files go: TestResults/http/&lt;feature&gt;--&lt;scenario&gt;[ row].log under the working directory.</summary>
public static class TestFolders
{
    private const int MaxNameLength = 120;

    public static string HttpLogs => Path.Combine(Directory.GetCurrentDirectory(), "TestResults", "http");

    /// <summary>The log file of one scenario (or Examples row): file-name-safe, unique per row.</summary>
    public static string HttpLogFile(string feature, string scenario, string? row) =>
        Path.Combine(HttpLogs, $"{Sanitise(feature)}--{Sanitise(row is null ? scenario : $"{scenario} [{row}]")}.log");

    /// <summary>Letters, digits, '-', '_', '.' and '[]' kept (Vietnamese letters too); anything else becomes '_'; runs collapse.</summary>
    public static string Sanitise(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var keep = char.IsLetterOrDigit(c) || c is '-' or '.' or '[' or ']';
            if (keep) text.Append(c);
            else if (text.Length > 0 && text[^1] != '_') text.Append('_');
        }
        var safe = text.ToString().Trim('_', '.');
        if (safe.Length > MaxNameLength) safe = safe[..MaxNameLength].TrimEnd('_', '.');
        return safe.Length == 0 ? "scenario" : safe;
    }
}

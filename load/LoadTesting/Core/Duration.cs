using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceKit.LoadTesting;

/// <summary>Durations as people type them: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h30m</c>, or plain seconds (<c>60</c>).</summary>
public static partial class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim().ToLowerInvariant();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            if (plain < 0 || !double.IsFinite(plain)) return false;
            value = TimeSpan.FromSeconds(plain);
            return true;
        }
        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text) return false;
        double ms = 0;
        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            ms += m.Groups[2].Value switch
            {
                "us" or "µs" => n / 1000, "ms" => n, "s" => n * 1000, "m" or "min" => n * 60_000, "h" => n * 3_600_000, "d" => n * 86_400_000,
                _ => double.NaN,
            };
        }
        if (!double.IsFinite(ms)) return false;
        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a duration (e.g. 500ms, 30s, 2m, 1h)");

    public static string Format(TimeSpan t)
    {
        if (t == TimeSpan.Zero) return "0s";
        if (t.TotalSeconds < 1) return t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        if (t.TotalMinutes < 1) return t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        var parts = new List<string>();
        if (t.Days > 0) parts.Add($"{t.Days}d");
        if (t.Hours > 0) parts.Add($"{t.Hours}h");
        if (t.Minutes > 0) parts.Add($"{t.Minutes}m");
        if (t.Seconds > 0 || t.Milliseconds > 0) parts.Add((t.Seconds + t.Milliseconds / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s");
        return string.Concat(parts);
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(us|µs|ms|s|min|m|h|d)")]
    private static partial Regex Part();
}

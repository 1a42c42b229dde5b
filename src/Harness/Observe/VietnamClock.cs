using System.Globalization;

namespace ConformanceKit.Harness.Observe;

/// <summary>GMT+7, the time zone of every date in the messages; parsing of the window's bounds.</summary>
public static class VietnamClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    public static string Format(DateTimeOffset at) =>
        at.ToOffset(Offset).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// An ISO date (<c>2025-06-15</c>: its start, or with <paramref name="endOfDay"/> its last millisecond) or date-time
    /// (<c>2025-06-15T09:00</c>, GMT+7 unless it carries an offset or Z).
    /// </summary>
    public static bool TryParse(string? text, bool endOfDay, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            at = endOfDay ? StartOfDay(day.AddDays(1)).AddMilliseconds(-1) : StartOfDay(day);
            return true;
        }
        if (!text.Contains('T', StringComparison.Ordinal)) return false;
        var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal);
        if (hasOffset)
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
        return true;
    }
}

using System.Globalization;

namespace ConformanceKit.Harness.Observe;

/// <summary>Missing serials between the lowest and highest seen, written compactly ("4–5, 9").</summary>
public static class SerialRanges
{
    /// <summary>The gaps of <paramref name="serials"/>: (first missing, last missing) pairs, ascending.</summary>
    public static IReadOnlyList<(long First, long Last)> Gaps(IEnumerable<long> serials)
    {
        var sorted = serials.Distinct().Order().ToList();
        var gaps = new List<(long, long)>();
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i] - sorted[i - 1] > 1) gaps.Add((sorted[i - 1] + 1, sorted[i] - 1));
        return gaps;
    }

    public static string Format(long first, long last) => first == last
        ? first.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{first}–{last}");

    public static string Format(IEnumerable<(long First, long Last)> ranges) => string.Join(", ", ranges.Select(r => Format(r.First, r.Last)));
}

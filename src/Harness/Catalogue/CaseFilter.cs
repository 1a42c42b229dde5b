using System.Text.RegularExpressions;

namespace ConformanceKit.Harness.Catalogue;

/// <summary>--filter: a pattern with * wildcards matched against a case's id, group, covered code or topic, and polarity.</summary>
public static class CaseFilter
{
    public static bool Matches(string pattern, ConformanceCase c)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return regex.IsMatch(c.Id) || regex.IsMatch(c.Group) || regex.IsMatch(c.Covers) || regex.IsMatch(c.Polarity);
    }
}

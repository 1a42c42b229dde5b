using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.Features.Bridge;

/// <summary>The binding stub suggested for an unbound step: quoted text becomes a string, whole numbers an int.</summary>
public static partial class StubSuggestion
{
    public static string For(PlannedStep step)
    {
        var pattern = new StringBuilder();
        var parameters = new List<string>();
        var at = 0;
        foreach (Match m in Token().Matches(step.Text))
        {
            pattern.Append(Regex.Escape(step.Text[at..m.Index]).Replace("\"", "\"\"", StringComparison.Ordinal));
            var quoted = m.Value.StartsWith('"');
            pattern.Append(quoted ? "\"\"([^\"\"]*)\"\"" : @"(\d+)");
            parameters.Add((quoted ? "string p" : "int p") + parameters.Count.ToString(CultureInfo.InvariantCulture));
            at = m.Index + m.Length;
        }
        pattern.Append(Regex.Escape(step.Text[at..]).Replace("\"", "\"\"", StringComparison.Ordinal));
        if (step.Table is not null) parameters.Add("DataTable table");
        if (step.DocString is not null) parameters.Add("string docString");

        var name = step.Kind + string.Concat(Words().Matches(Token().Replace(step.Text, " "))
            .Select(w => char.ToUpperInvariant(w.Value[0]) + w.Value[1..]));
        return $"    [{step.Kind}(@\"^{pattern}$\")]\n    public void {name}({string.Join(", ", parameters)})\n" +
               "    {\n        throw new NotImplementedException();\n    }";
    }

    [GeneratedRegex("\"[^\"]*\"|\\b\\d+\\b")]
    private static partial Regex Token();

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex Words();
}

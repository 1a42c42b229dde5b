using System.CommandLine;

namespace ConformanceKit.Conformance.Cli;

/// <summary>
/// ck's one convention for machine output: <c>--format table|json</c> (<c>-f</c>), table by default.
/// The older <c>--json</c> switch of some commands is kept, hidden, as a synonym of <c>--format json</c>.
/// </summary>
public sealed class OutputFormat
{
    public Option<string> Format { get; } = new("--format", "-f")
    {
        Description = "table (for people) or json (for machines)",
        DefaultValueFactory = _ => "table",
    };

    public Option<bool> JsonSwitch { get; } = new("--json") { Description = "same as --format json", Hidden = true };

    public OutputFormat() => Format.AcceptOnlyFromAmong("table", "json");

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(JsonSwitch);
    }

    public bool IsJson(ParseResult r) => r.GetValue(JsonSwitch) || r.GetValue(Format) == "json";
}

using System.Globalization;

namespace ConformanceKit.LoadTesting;

/// <summary>
/// Load simulations written on one line (for `ck load --shape`): phases separated by commas, each
/// <c>inject:RATE:DURATION</c> (RATE per second), <c>ramp:RATE:DURATION</c> (ramping inject), <c>constant:COPIES:DURATION</c>,
/// <c>ramp-constant:COPIES:DURATION</c> or <c>pause:DURATION</c>. Example: <c>inject:10:30s,ramp:50:1m,inject:50:5m,ramp:5:1m</c>.
/// </summary>
public static class LoadShape
{
    public static bool TryParse(string? text, out IReadOnlyList<LoadSimulation> simulations, out string error)
    {
        simulations = [];
        error = "";
        var list = new List<LoadSimulation>();
        var s = TimeSpan.FromSeconds(1);
        foreach (var raw in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split(':', StringSplitOptions.TrimEntries);
            var kind = parts[0].ToLowerInvariant();
            var bad = $"--shape: '{raw}' is not a phase (inject:RATE:DURATION, ramp:RATE:DURATION, constant:COPIES:DURATION, ramp-constant:COPIES:DURATION, pause:DURATION)";
            if (kind == "pause")
            {
                if (parts.Length != 2 || !Duration.TryParse(parts[1], out var p) || p <= TimeSpan.Zero) { error = bad; return false; }
                list.Add(LoadSimulation.Pause(p));
                continue;
            }
            if (parts.Length != 3 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || !double.IsFinite(n)
                || !Duration.TryParse(parts[2], out var d) || d <= TimeSpan.Zero)
            {
                error = bad;
                return false;
            }
            switch (kind)
            {
                case "inject": list.Add(LoadSimulation.Inject(n, s, d)); break;
                case "ramp": list.Add(LoadSimulation.RampingInject(n, s, d)); break;
                case "constant": list.Add(LoadSimulation.KeepConstant((int)n, d)); break;
                case "ramp-constant": list.Add(LoadSimulation.RampingConstant((int)n, d)); break;
                default: error = bad; return false;
            }
        }
        if (list.Count == 0)
        {
            error = "--shape: no phase given";
            return false;
        }
        simulations = list;
        return true;
    }

    /// <summary>The same shape at <paramref name="share"/> of its rates (a store's part of the fleet); copies are kept.</summary>
    public static LoadSimulation[] Scale(IEnumerable<LoadSimulation> shape, double share) => shape.Select(sim => sim switch
    {
        InjectSimulation i => i with { Rate = i.Rate * share },
        InjectIterationsSimulation i => i with { Rate = i.Rate * share },
        _ => sim,
    }).ToArray();
}

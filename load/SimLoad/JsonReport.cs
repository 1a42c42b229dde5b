using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.Load.SimLoad;

/// <summary>The figures as JSON (--json FILE), for CI trend lines or a later comparison.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static void Write(string path, RunOptions o, IReadOnlyList<TargetResult> results, IReadOnlyList<RatioLine> ratios,
        IReadOnlyList<ThresholdResult> verdict)
    {
        var document = new
        {
            tool = "ck-simload",
            generatedAt = DateTimeOffset.Now,
            machine = new { cores = Environment.ProcessorCount, dotnet = Environment.Version.ToString(), os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            load = new
            {
                packagesPerSecond = o.Rate, invoicesPerPackage = o.Invoices, durationSeconds = o.DurationSeconds,
                warmupSeconds = o.WarmupSeconds, maxConnections = o.MaxConnections, pollIntervalMs = o.PollIntervalMs,
            },
            targets = results,
            ratios,
            verdict,
            passed = verdict.All(v => v.Passed),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options));
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.Load.PipelineLoad;

/// <summary>The figures as JSON (--json PATH, or "-" for stdout), for CI trend lines or a later comparison.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Render(RunOptions o, IReadOnlyList<VariantResult> results, IReadOnlyList<Ratios> ratios, LatencySummary? fsync) =>
        JsonSerializer.Serialize(new
        {
            tool = "ck-pipeload",
            generatedAt = DateTimeOffset.Now,
            machine = new { cores = Environment.ProcessorCount, dotnet = Environment.Version.ToString(), os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            load = new
            {
                invoices = o.Invoices, batchSize = o.BatchSize, concurrency = o.Concurrency, warmupSales = o.WarmupSales,
                batchIntervalMs = o.BatchIntervalMs, pollIntervalMs = o.PollIntervalMs, watchIntervalMs = o.WatchIntervalMs,
            },
            variants = results,
            ratios = ratios.Select(q => new
            {
                name = q.Name, issueRate = q.IssueRate, endToEndRate = q.EndToEndRate, postP50 = q.PostP50, postP99 = q.PostP99,
            }),
            fsyncProbe = fsync,
            passed = results.All(r => r.Completed),
        }, Options);

    public static void Write(string path, string json)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, json);
    }
}

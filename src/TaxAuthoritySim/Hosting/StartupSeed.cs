using System.Text.Json;
using ConformanceKit.TaxAuthoritySim.Seed;

namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>The seed the simulator starts from (and returns to on reset): --seed FILE, else seed.demo.json.</summary>
public sealed class StartupSeed(SimulatorSettings settings)
{
    private readonly Lazy<SeedDocument> _seed = new(() => Load(settings.SeedPath));

    public SeedDocument Document => _seed.Value;

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "seed.demo.json");

    public static SeedDocument Load(string? path)
    {
        path ??= DefaultPath;
        if (!File.Exists(path)) throw new FileNotFoundException($"seed file not found: {path}", path);
        try
        {
            return JsonSerializer.Deserialize<SeedDocument>(File.ReadAllBytes(path), SeedDocument.Json)
                ?? throw new InvalidDataException($"{path}: the seed is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a valid seed document at line {ex.LineNumber + 1}, {ex.Path}: {ex.Message}", ex);
        }
    }
}

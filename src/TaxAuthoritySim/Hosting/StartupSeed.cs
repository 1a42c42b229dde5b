using System.Text.Json;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>The seed the simulator starts from (and returns to on reset): --seed FILE, else seed.demo.json.</summary>
public sealed class StartupSeed(SimulatorSettings settings)
{
    private readonly Lazy<SeedDocument> _seed = new(() => Load(settings.SeedPath));

    public SeedDocument Document => _seed.Value;

    /// <summary>True when the user named the file (--seed): its keys then replace the stored ones.</summary>
    public bool Given => settings.SeedPath is not null;

    /// <summary>--reseed: the seed replaces the stored registry whole.</summary>
    public bool Reseed => settings.Reseed;

    /// <summary>For messages: the file as given, or "the demo seed".</summary>
    public string Name => settings.SeedPath ?? "the demo seed (seed.demo.json)";

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "seed.demo.json");

    /// <summary>Reads the seed and checks it as the registry would, so a bad file stops start-up with one clear line.</summary>
    public void Validate()
    {
        try { ReferenceData.Empty.Apply(Document); }
        catch (SeedException ex) { throw new SeedException(ex.Problems, Name); }
    }

    public static SeedDocument Load(string? path)
    {
        path ??= DefaultPath;
        if (!File.Exists(path))
        {
            // Name the folder it was looked for in: a relative path is read from the working directory.
            var full = Path.GetFullPath(path);
            throw new FileNotFoundException(
                full == path ? $"seed file not found: {path}" : $"seed file not found: {path} (looked for {full})", path);
        }
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

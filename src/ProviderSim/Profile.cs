using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.ProviderSim;

/// <summary>
/// One market provider's API as a folder: profile.json (name, title, backend), README.md (sources), mappings/*.json
/// (WireMock.Net mapping files, always loaded) and faults/*.json (mappings gated by the scenario "fault-NAME", off
/// until its state is set to "on").
/// </summary>
public sealed record Profile(string Name, string Title, string Backend, string Description, string Folder)
{
    public IReadOnlyList<string> MappingFiles => Files("mappings");

    public IReadOnlyList<string> FaultFiles => Files("faults");

    /// <summary>The ready faults: the file name without .json; its scenario is "fault-" + the name.</summary>
    public IReadOnlyList<string> Faults => FaultFiles.Select(f => Path.GetFileNameWithoutExtension(f)).ToList();

    public static string Scenario(string fault) => "fault-" + fault;

    private IReadOnlyList<string> Files(string sub) =>
        Directory.Exists(Path.Combine(Folder, sub))
            ? Directory.GetFiles(Path.Combine(Folder, sub), "*.json").Order(StringComparer.Ordinal).ToList()
            : [];

    private sealed record Manifest(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("backend")] string? Backend,
        [property: JsonPropertyName("description")] string? Description);

    public static Profile Read(string folder)
    {
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(Path.Combine(folder, "profile.json")))
                       ?? throw new InvalidDataException($"{folder}/profile.json is empty");
        var name = manifest.Name ?? Path.GetFileName(folder);
        return new Profile(name, manifest.Title ?? name, manifest.Backend ?? name, manifest.Description ?? "", folder);
    }
}

/// <summary>The profiles in a folder (default: profiles/ next to the assembly, copied there from src/ProviderSim/profiles).</summary>
public sealed class ProfileCatalog(string folder)
{
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "profiles");

    public string Folder { get; } = folder;

    public IReadOnlyList<Profile> All =>
        Directory.Exists(Folder)
            ? Directory.GetDirectories(Folder).Where(d => File.Exists(Path.Combine(d, "profile.json"))).Select(Profile.Read)
                .OrderBy(p => p.Name, StringComparer.Ordinal).ToList()
            : [];

    public Profile? Find(string name) => All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}

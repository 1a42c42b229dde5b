using System.Text.Json;

namespace ConformanceKit.Einvoice.Samples;

/// <summary>Writes the sample set: valid/ and invalid/ folders, each sample beside its .expected.json.</summary>
public static class SampleSetWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>What an .expected.json file holds.</summary>
    public sealed record ExpectedFile(string Description, bool Valid, IReadOnlyList<ExpectedFinding> Findings);

    /// <summary>Writes every variant under <paramref name="folder"/>; <paramref name="wrote"/> hears of each file written.</summary>
    public static void Write(string folder, Action<string>? wrote = null)
    {
        var certificate = SamplePackageBuilder.CreateCertificate();
        foreach (var variant in SampleVariants.All)
        {
            var dir = Path.Combine(folder, variant.IsValid ? "valid" : "invalid");
            Directory.CreateDirectory(dir);
            var xml = Path.Combine(dir, variant.Name + ".xml");
            File.WriteAllBytes(xml, SampleSetBuilder.Build(variant, certificate));
            File.WriteAllText(Path.Combine(dir, variant.Name + ".expected.json"),
                JsonSerializer.Serialize(new ExpectedFile(variant.Description, variant.IsValid, variant.Expected), Json) + "\n");
            wrote?.Invoke(xml);
        }
        foreach (var variant in SampleNoticeSet.All)
        {
            var dir = Path.Combine(folder, variant.IsValid ? "valid" : "invalid");
            Directory.CreateDirectory(dir);
            var xml = Path.Combine(dir, variant.Name + ".xml");
            File.WriteAllBytes(xml, SampleNoticeSet.Build(variant, certificate));
            File.WriteAllText(Path.Combine(dir, variant.Name + ".expected.json"),
                JsonSerializer.Serialize(new ExpectedFile(variant.Description, variant.IsValid, variant.Expected), Json) + "\n");
            wrote?.Invoke(xml);
        }
    }
}

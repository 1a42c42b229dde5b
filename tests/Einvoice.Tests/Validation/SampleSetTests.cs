using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.Einvoice.Tests.Validation;

/// <summary>Every committed sample produces exactly the findings its .expected.json states.</summary>
public class SampleSetTests
{
    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Samples, "*.xml", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(RepoPaths.Samples, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Committed_sample_produces_its_expected_findings(string relative)
    {
        var xml = Path.Combine(RepoPaths.Samples, relative);
        var expectedFile = Path.ChangeExtension(xml, null) + ".expected.json";
        Assert.True(File.Exists(expectedFile), $"{relative} has no .expected.json beside it");
        var expected = JsonSerializer.Deserialize<SampleSetWriter.ExpectedFile>(File.ReadAllText(expectedFile), SampleSetWriter.Json)!;

        var result = MessageValidator.Validate(File.ReadAllBytes(xml));

        Assert.Equal(expected.Valid, result.IsValid);
        Assert.Equal(Describe(expected.Findings), Describe(result.Findings.Select(f => new ExpectedFinding(f.Code, f.Path ?? "", f.InvoiceIndex))));
    }

    [Fact]
    public void Every_variant_of_the_generator_is_committed_and_freshly_built_variants_behave_the_same()
    {
        var certificate = SamplePackageBuilder.CreateCertificate();
        foreach (var variant in SampleVariants.All)
        {
            var folder = variant.IsValid ? "valid" : "invalid";
            Assert.True(File.Exists(Path.Combine(RepoPaths.Samples, folder, variant.Name + ".xml")), $"{variant.Name} is not in samples/; run ck sample set");
            var result = MessageValidator.Validate(SampleSetBuilder.Build(variant, certificate));
            Assert.Equal(Describe(variant.Expected), Describe(result.Findings.Select(f => new ExpectedFinding(f.Code, f.Path ?? "", f.InvoiceIndex))));
        }
    }

    [Fact]
    public void Every_303_sample_of_the_generator_is_committed_and_freshly_built_ones_behave_the_same()
    {
        var certificate = SamplePackageBuilder.CreateCertificate();
        foreach (var variant in SampleNoticeSet.All)
        {
            var folder = variant.IsValid ? "valid" : "invalid";
            Assert.True(File.Exists(Path.Combine(RepoPaths.Samples, folder, variant.Name + ".xml")), $"{variant.Name} is not in samples/; run ck sample set");
            var result = MessageValidator.Validate(SampleNoticeSet.Build(variant, certificate));
            Assert.Equal(Describe(variant.Expected), Describe(result.Findings.Select(f => new ExpectedFinding(f.Code, f.Path ?? "", f.InvoiceIndex))));
        }
    }

    [Fact]
    public void The_sample_set_covers_every_code_issue_2_asks_for()
    {
        var covered = SampleVariants.All.SelectMany(v => v.Expected).Select(f => f.Code).ToHashSet();
        foreach (var code in new[] { "3001", "3002", "3003", "6001", "7001", "7003", "7004", "7006" })
            Assert.Contains(code, covered);
    }

    private static string Describe(IEnumerable<ExpectedFinding> findings) =>
        string.Join("\n", findings.Select(f => $"{f.Code} {f.Path} invoice={f.Invoice}").Order(StringComparer.Ordinal));
}

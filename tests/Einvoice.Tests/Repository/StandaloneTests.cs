
namespace ConformanceKit.Einvoice.Tests.Repository;

/// <summary>A fresh clone runs its tests: nothing reads a folder beside the repository (issue 13).</summary>
public class StandaloneTests
{
    // Built from parts so that this file does not match itself.
    private static readonly string[] OutsidePaths =
    [
        "../" + "shared",
        "..\\" + "shared",
        "\"..\", \"" + "shared\"",
    ];

    [Fact]
    public void No_test_tool_source_or_document_reads_the_shared_folder_beside_the_repository()
    {
        var offenders = new List<string>();
        var readme = Path.Combine(RepoPaths.Root, "README.md");
        foreach (var folder in new[] { "src", "tests", "features", "load", "tools", "docs", "samples", "." })
        {
            var root = Path.Combine(RepoPaths.Root, folder);
            if (!Directory.Exists(root)) continue;
            // The repository root itself: only the README, whose examples a newcomer runs on a fresh clone.
            var files = folder == "." ? [readme] : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories);
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
                if (relative.Contains("/bin/") || relative.Contains("/obj/")) continue;
                if (Path.GetExtension(file) is not (".cs" or ".md" or ".json" or ".feature" or ".csproj" or ".props" or ".sh"))
                    continue;
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                    if (OutsidePaths.Any(p => lines[i].Contains(p, StringComparison.Ordinal)))
                        offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(offenders.Count == 0, "reads the shared folder beside the repository, which a clone does not have:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_real_sample_is_committed_with_its_readme()
    {
        Assert.True(File.Exists(RepoPaths.RealSample202), RepoPaths.RealSample202);
        Assert.True(File.Exists(Path.Combine(RepoPaths.RealSamples, "README.md")));
        Assert.StartsWith(Path.Combine(RepoPaths.Root, "samples"), RepoPaths.RealSample202, StringComparison.Ordinal);
    }
}

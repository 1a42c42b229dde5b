using System.Runtime.CompilerServices;

namespace ConformanceKit.TaxAuthoritySim.Tests.Support;

/// <summary>The repository root: above the test binaries, or — when built with --artifacts-path elsewhere — above this source file.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConformanceKit.sln"))) dir = dir.Parent;
            if (dir is not null) return dir.FullName;
        }
        throw new InvalidOperationException("ConformanceKit.sln not found above " + AppContext.BaseDirectory);
    }
}

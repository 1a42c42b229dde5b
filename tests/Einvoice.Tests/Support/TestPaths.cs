using System.Runtime.CompilerServices;

namespace ConformanceKit.Einvoice.Tests.Support;

/// <summary>Where the repository and its fixtures are, wherever the test binaries were built.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>samples/real: documents from the authority's test environment, committed with the repository.</summary>
    public static string RealSamples => Path.Combine(RepoRoot, "samples", "real");

    public static string RealSample202 => Path.Combine(RealSamples, "TDiep_202_signed_HDon_testenv_2021.xml");

    public static string Samples => Path.Combine(RepoRoot, "samples");

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        // Binaries may live outside the tree (--artifacts-path): fall back to this file's location.
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ConformanceKit.sln")))
                    return dir.FullName;
        }
        throw new DirectoryNotFoundException("cannot find ConformanceKit.sln above " + AppContext.BaseDirectory);
    }
}

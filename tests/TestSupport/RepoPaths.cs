using System.Runtime.CompilerServices;

namespace ConformanceKit.TestSupport;

/// <summary>
/// Where the repository and its fixtures are: above the test binaries, or — when built with --artifacts-path
/// elsewhere — above this source file.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    /// <summary>samples/: the sample documents committed with the repository.</summary>
    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>samples/real: documents from the authority's test environment, committed with the repository.</summary>
    public static string RealSamples => Path.Combine(Samples, "real");

    public static string RealSample202 => Path.Combine(RealSamples, "TDiep_202_signed_HDon_testenv_2021.xml");

    private static string Find([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ConformanceKit.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("ConformanceKit.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Runtime.CompilerServices;
using System.Text;

namespace ConformanceKit.Einvoice.Tests.Model;

/// <summary>Where the shared real sample lives: ../shared/samples/real next to the repository.</summary>
internal static class ModelFixtures
{
    public const string RealSampleName = "TDiep_202_signed_HDon_testenv_2021.xml";

    public static byte[] RealSampleBytes() => File.ReadAllBytes(RealSamplePath());

    /// <summary>
    /// Walks up from the test binaries to the folder holding ConformanceKit.sln; with a private
    /// --artifacts-path the binaries live outside the repo, so the source location is the fallback.
    /// </summary>
    public static string RealSamplePath([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ConformanceKit.sln")))
                    return Path.Combine(dir.FullName, "..", "shared", "samples", "real", RealSampleName);
            }
        }
        throw new InvalidOperationException("ConformanceKit.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The text between the end of the first <paramref name="open"/> tag and the next matching close tag.</summary>
    public static string Between(string text, string open, string close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, open + " not found");
        start += open.Length;
        var end = text.IndexOf(close, start, StringComparison.Ordinal);
        return text[start..end];
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}

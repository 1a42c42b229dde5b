using System.Text;

namespace ConformanceKit.Einvoice.Tests.Model;

/// <summary>The real sample (samples/real in the repository) and helpers to read it.</summary>
internal static class ModelFixtures
{
    public const string RealSampleName = "TDiep_202_signed_HDon_testenv_2021.xml";

    public static byte[] RealSampleBytes() => File.ReadAllBytes(RealSamplePath());

    public static string RealSamplePath() => RepoPaths.RealSample202;

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

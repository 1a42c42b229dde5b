using System.Text;
using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Tests.Support;

/// <summary>Runs the ck command tree in-process with captured streams.</summary>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error);

    public static async Task<Run> InvokeAsync(string[] args, byte[]? stdin = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new CliIO(output, error, () => new MemoryStream(stdin ?? []), IsTerminal: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await CkCli.RunAsync(args, io, timeout.Token);
        return new Run(code, output.ToString(), error.ToString());
    }

    public static string TempFile(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ck-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}

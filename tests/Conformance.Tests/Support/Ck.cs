using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Tests.Support;

/// <summary>Runs the ck CLI in-process with captured output.</summary>
public static class Ck
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CkCli.RunAsync(args, new CliIO(output, error, () => Stream.Null, IsTerminal: false));
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh temporary folder for one test's reports and signing key.</summary>
    public static string TempFolder() => Directory.CreateTempSubdirectory("ck-test-").FullName;
}

extern alias ck;

using System.Diagnostics;
using ck::ConformanceKit.Conformance.Cli;

namespace ConformanceKit.TestSupport;

/// <summary>
/// Runs the ck command line: in-process with captured streams, or as a child process (ck.dll next to the tests).
/// For test projects that reference src/Conformance themselves (TestSupport does not pass ck on).
/// </summary>
public static class Ck
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    /// <summary>The command tree in-process: exit code, standard output and standard error; <paramref name="stdin"/> as its input.</summary>
    public static async Task<Result> RunAsync(string[] args, byte[]? stdin, TimeSpan? timeout = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var io = new CliIO(output, error, () => new MemoryStream(stdin ?? []), IsTerminal: false);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var code = await CkCli.RunAsync(args, io, cancel.Token);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>ck as a child process (dotnet ck.dll …), standard output and error redirected; the caller reads and kills it.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ck.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start ck");
    }
}

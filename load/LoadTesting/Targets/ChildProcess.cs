using System.Diagnostics;

namespace ConformanceKit.LoadTesting.Targets;

/// <summary>Runs a command to completion (or starts one in the background) with its output in a log file.</summary>
public static class ChildProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        using var process = Start(file, args, logPath: null, out var output);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit();          // flush the asynchronous output readers
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Starts a process; its stdout and stderr go to <paramref name="logPath"/> (or are collected when null).</summary>
    public static Process Start(string file, IEnumerable<string> args, string? logPath, out System.Text.StringBuilder collected,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        var output = new System.Text.StringBuilder();
        var log = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        DataReceivedEventHandler sink = (_, e) =>
        {
            if (e.Data is null) return;
            lock (output)
            {
                if (logPath is not null) log?.WriteLine(e.Data);
                else output.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += sink;
        process.ErrorDataReceived += sink;
        process.Exited += (_, _) =>
        {
            process.WaitForExit();
            lock (output)
            {
                log?.Dispose();
                log = null;
            }
        };
        if (!process.Start()) throw new InvalidOperationException($"could not start {file}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        collected = output;
        return process;
    }

    public static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}

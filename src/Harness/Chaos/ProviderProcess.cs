using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConformanceKit.Harness.Chaos;

/// <summary>`ck provider` in a child process on a fixed loopback port, so it can be SIGKILLed and started again on the same store.</summary>
internal sealed class ProviderProcess(ChaosOptions options, IReadOnlyList<string> arguments, string logPath) : IDisposable
{
    private readonly Lock _logGate = new();
    private Process? _process;

    public int Starts { get; private set; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Start()
    {
        var info = options.StartCk(arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var started = Process.Start(info) ?? throw new InvalidOperationException("could not start ck provider");
        Starts++;
        Append($"--- start {Starts} (pid {started.Id}) ---");
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        _process = started;
    }

    /// <summary>SIGKILL: no shutdown code runs, wherever the provider is.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { /* already gone */ }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Append($"--- killed (exit {_process.ExitCode}) ---");
        _process.Dispose();
        _process = null;
    }

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>The last lines of the provider's log, for a failure message.</summary>
    public string Tail(int lines = 30)
    {
        lock (_logGate)
        {
            if (!File.Exists(logPath)) return "";
            var all = File.ReadAllLines(logPath);
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_logGate) File.AppendAllText(logPath, line + "\n");
    }

    public void Dispose()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { /* already gone */ }
        _process?.Dispose();
    }
}

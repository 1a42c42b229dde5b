using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceKit.Features.Support;

/// <summary>
/// The reference provider as a program of its own — `ck provider` in a child process (as `ck chaos` runs it), on a fixed
/// loopback port and its own store — so that it can be killed with SIGKILL (no shutdown code runs) and started again on
/// the same store and address. <see cref="ReferenceProvider.AddressAsync"/> answers with its address while it is set.
/// </summary>
public sealed class ProviderProgram : IDisposable
{
    private readonly string _folder = TestFolder.Create("ck-feature-provider-program-");
    private readonly IReadOnlyList<string> _arguments;
    private readonly StringBuilder _log = new();
    private Process? _process;

    /// <param name="settings">`ck provider` options besides --db and --listen (target, T-VAN, key, sync …).</param>
    public ProviderProgram(IEnumerable<string> settings)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Address = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }
        _arguments = ["provider", "--db", Path.Combine(_folder, "provider.db"), "--listen", Address.ToString().TrimEnd('/'), .. settings];
    }

    public Uri Address { get; }

    public int Starts { get; private set; }

    /// <summary>Starts `ck provider` and waits until its API answers.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ck.dll"));
        foreach (var a in _arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start ck provider");
        Starts++;
        Append($"--- start {Starts} (pid {process.Id}) ---");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var up = await Eventually.TryUntilAsync(async () =>
        {
            if (process.HasExited) return true;
            try { return (await http.GetAsync("health")).IsSuccessStatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
        }, TimeSpan.FromSeconds(60));
        if (!up || process.HasExited)
            throw new InvalidOperationException($"ck provider did not start (exit {(process.HasExited ? process.ExitCode : "none")}):\n{Log}");
    }

    /// <summary>SIGKILL: the provider stops wherever it is, nothing flushed, no shutdown code run.</summary>
    public async Task KillAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is not { } process) return;
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Append($"--- killed (exit {process.ExitCode}) ---");
        process.Dispose();
    }

    /// <summary>What the provider printed, for a failure message.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _process, null) is { } process)
        {
            try { process.Kill(entireProcessTree: true); process.WaitForExit(10_000); }
            catch (InvalidOperationException) { /* already gone */ }
            process.Dispose();
        }
        TestFolder.Delete(_folder);
    }
}

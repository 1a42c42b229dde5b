using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceKit.TestSupport;

/// <summary>The simulator as a real child process on a loopback port, for tests that kill it.</summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SimulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static Task<SimulatorProcess> StartAsync(string dataDirectory, params string[] extra) =>
        StartAsync(dataDirectory, null, extra);

    /// <summary>Starts it with these environment variables set (or removed, when null) on top of the test's.</summary>
    public static Task<SimulatorProcess> StartAsync(string dataDirectory, IDictionary<string, string?>? environment,
        params string[] extra) =>
        StartAsync(Info(null, viaDotnetRun: false, environment, ["--data", dataDirectory, .. extra]));

    /// <summary>
    /// Starts it in <paramref name="workingDirectory"/> with only these options (and --urls), as a user would
    /// from a shell there — with <c>dotnet run --project src/TaxAuthoritySim</c> when <paramref name="viaDotnetRun"/>.
    /// </summary>
    public static Task<SimulatorProcess> StartInAsync(string workingDirectory, bool viaDotnetRun, params string[] options) =>
        StartAsync(Info(workingDirectory, viaDotnetRun, null, options));

    /// <summary>Runs it in <paramref name="workingDirectory"/> until it exits (a start-up meant to fail).</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string workingDirectory, params string[] options)
    {
        var (info, _) = Info(workingDirectory, viaDotnetRun: false, null, options);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the simulator");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the simulator did not exit:\n" + await output + await error);
        }
        return (process.ExitCode, await output + await error);
    }

    private static (ProcessStartInfo Info, Uri BaseAddress) Info(string? workingDirectory, bool viaDotnetRun,
        IDictionary<string, string?>? environment, IEnumerable<string> options)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) info.Environment[name] = value;
        if (viaDotnetRun)
        {
            // The build the tests made (same configuration); dotnet run only evaluates the project.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
            configuration = char.ToUpperInvariant(configuration[0]) + configuration[1..];
            info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var a in new[] { "run", "--no-build", "-c", configuration, "--project",
                         Path.Combine(RepoPaths.Root, "src", "TaxAuthoritySim"), "--" })
                info.ArgumentList.Add(a);
        }
        else
        {
            info.ArgumentList.Add(SimulatorDll());
        }
        foreach (var a in new[] { "--urls", baseAddress.ToString().TrimEnd('/') }.Concat(options))
            info.ArgumentList.Add(a);
        return (info, baseAddress);
    }

    private static async Task<SimulatorProcess> StartAsync((ProcessStartInfo Info, Uri BaseAddress) start)
    {
        var process = Process.Start(start.Info) ?? throw new InvalidOperationException("could not start the simulator");
        var sim = new SimulatorProcess(process, start.BaseAddress);
        using var client = sim.Client();
        var healthy = await Eventually.TryUntilAsync(async () =>
        {
            if (process.HasExited) return true;
            try { return (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(120));
        if (process.HasExited) throw new InvalidOperationException("the simulator exited:\n" + sim.Output);
        if (!healthy) throw new TimeoutException("the simulator did not become healthy:\n" + sim.Output);
        return sim;
    }

    public HttpClient Client(string? header = null, string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (header is not null) client.DefaultRequestHeaders.Add(header, key);
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a crash looks like.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>artifacts/bin/TaxAuthoritySim/&lt;configuration&gt;/TaxAuthoritySim.dll, built with the tests.</summary>
    private static string SimulatorDll()
    {
        // Built next to the tests: artifacts/bin/TaxAuthoritySim/<configuration>/, wherever artifacts are.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name; // debug / release
        var artifactsBin = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", ".."));
        var dll = Path.Combine(artifactsBin, "TaxAuthoritySim", configuration, "TaxAuthoritySim.dll");
        return File.Exists(dll) ? dll : Path.Combine(AppContext.BaseDirectory, "TaxAuthoritySim.dll");
    }
}

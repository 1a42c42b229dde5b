using System.Diagnostics;

namespace ConformanceKit.LoadTesting.Targets;

/// <summary>
/// The simulator as a child process: <c>dotnet TaxAuthoritySim.dll --urls http://127.0.0.1:PORT
/// --data DIR/data [--store CONN]</c> run in a temporary DIR (so a default <c>./data</c> lands there
/// too), with its output in DIR/simulator.log; ready once /health is 200; killed (whole tree) on
/// dispose, when DIR/data is deleted (unless kept) and the log stays for reading.
/// </summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly bool keepData;

    private SimulatorProcess(Process process, Uri baseAddress, string directory, bool keepData) =>
        (this.process, BaseAddress, Directory, this.keepData) = (process, baseAddress, directory, keepData);

    public Uri BaseAddress { get; }

    /// <summary>The run's folder: data/ (the store) and simulator.log.</summary>
    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public string LogPath => Path.Combine(Directory, "simulator.log");

    public static async Task<SimulatorProcess> StartAsync(string dll, string? store, bool keepData, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var root = System.IO.Directory.CreateTempSubdirectory("ck-load-sim-").FullName;
        var data = System.IO.Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var url = $"http://127.0.0.1:{port}";
        var args = new List<string> { dll, "--urls", url, "--data", data };
        if (store is not null) args.AddRange(["--store", store]);
        var log = Path.Combine(root, "simulator.log");
        File.WriteAllText(log, $"# dotnet {string.Join(' ', args)}\n");
        var process = ChildProcess.Start("dotnet", args, log, out _, workingDirectory: root);
        var sim = new SimulatorProcess(process, new Uri(url + "/"), root, keepData);
        try
        {
            await WaitHealthyAsync(sim.BaseAddress, TimeSpan.FromSeconds(90),
                () => process.HasExited ? $"the simulator exited with code {process.ExitCode}; log {log}:\n{sim.LogTail(30)}" : null,
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await sim.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return sim;
    }

    public bool HasExited => process.HasExited;

    /// <summary>The child's process id (<c>dotnet TaxAuthoritySim.dll</c> runs the simulator in that very process).</summary>
    public int ProcessId => process.Id;

    /// <summary>The simulator's memory now (working set and RssAnon from /proc); null once it has exited.</summary>
    public MemoryReading? Memory() => process.HasExited ? null : ProcessMemory.Read(process.Id);

    /// <summary>What `ck load` samples every second: this child's memory.</summary>
    public MemoryProbe MemoryProbe => new($"simulator (child process {ProcessId})", Memory);

    /// <summary>CPU time the simulator has used so far (user + system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            try
            {
                process.Refresh();
                return process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    public string LogTail(int lines)
    {
        try { return ChildProcess.Tail(File.ReadAllText(LogPath), lines); }
        catch (IOException) { return ""; }
    }

    /// <summary>Counts log lines that look like errors (exceptions, "fail:" from the console logger).</summary>
    public int CountLogErrors()
    {
        try
        {
            return File.ReadLines(LogPath).Count(l => l.StartsWith("fail:", StringComparison.Ordinal) ||
                                                     l.StartsWith("crit:", StringComparison.Ordinal) ||
                                                     l.Contains("Unhandled exception", StringComparison.Ordinal));
        }
        catch (IOException) { return 0; }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
        }
        process.Dispose();
        if (!keepData)
        {
            try { System.IO.Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task WaitHealthyAsync(Uri baseAddress, TimeSpan timeout, Func<string?> whyDead, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        var last = "no answer";
        while (watch.Elapsed < timeout)
        {
            if (whyDead() is { } dead) throw new InvalidOperationException(dead);
            try
            {
                using var response = await client.GetAsync("health", ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex) { last = ex.Message; }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { last = "timeout"; }
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
        throw new TimeoutException($"{baseAddress}health did not answer 200 within {timeout.TotalSeconds:N0} s ({last})");
    }
}

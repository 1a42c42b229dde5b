using System.Net;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;
using ConformanceKit.Provider.Signing;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.LoadTesting.Targets;

public enum TargetKind
{
    /// <summary>The reference POS → provider → simulator, all in this process.</summary>
    Pipeline,
    /// <summary>A provider API (docs/provider.md): the user's own system.</summary>
    Provider,
    /// <summary>The simulator or any endpoint implementing the authority contract (T-VAN side).</summary>
    Authority,
}

/// <summary>
/// What to load: <c>pipeline</c>, <c>provider=URL</c>, <c>authority=URL</c>, or <c>simulator[=sqlite|postgres|postgres:CONNECTION]</c>
/// (an authority started here: the simulator on its SQLite store, or on PostgreSQL — a throwaway cluster unless a connection is given).
/// </summary>
public sealed record TargetSpec(TargetKind Kind, Uri? Address)
{
    /// <summary>For <c>simulator=…</c>: <c>sqlite</c>, <c>postgres</c> (a throwaway cluster) or an Npgsql connection / postgres:// URL.</summary>
    public string? StartSimulator { get; init; }

    public static bool TryParse(string? text, out TargetSpec? spec, out string error)
    {
        spec = null;
        error = "";
        text = text?.Trim() ?? "";
        if (text.Equals("pipeline", StringComparison.OrdinalIgnoreCase))
        {
            spec = new TargetSpec(TargetKind.Pipeline, null);
            return true;
        }
        if (text.Equals("simulator", StringComparison.OrdinalIgnoreCase) || text.StartsWith("simulator=", StringComparison.OrdinalIgnoreCase))
        {
            var store = text.Length > "simulator=".Length ? text["simulator=".Length..] : "sqlite";
            if (store.Equals("postgres", StringComparison.OrdinalIgnoreCase) || store.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
                store = store.ToLowerInvariant();
            else if (store.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) && store.Length > "postgres:".Length && !store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
                store = store["postgres:".Length..];
            else if (!store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            {
                error = $"--target '{text}': write simulator, simulator=sqlite, simulator=postgres or simulator=postgres:CONNECTION";
                return false;
            }
            spec = new TargetSpec(TargetKind.Authority, null) { StartSimulator = store };
            return true;
        }
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var kind = eq < 0 ? "" : text[..eq].ToLowerInvariant();
        var url = eq < 0 ? "" : text[(eq + 1)..];
        if (kind is not ("provider" or "authority"))
        {
            error = $"--target '{text}': write pipeline, provider=URL, authority=URL or simulator[=sqlite|postgres]";
            return false;
        }
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            error = $"--target '{text}': '{url}' is not an http(s) URL";
            return false;
        }
        spec = new TargetSpec(kind == "provider" ? TargetKind.Provider : TargetKind.Authority, address);
        return true;
    }

    public override string ToString() => Kind switch
    {
        TargetKind.Pipeline => "pipeline (reference POS → provider → simulator, in-process)",
        TargetKind.Provider => $"provider API {Address}",
        TargetKind.Authority when StartSimulator is not null => $"simulator started here on {(StartSimulator is "sqlite" or "postgres" ? StartSimulator : "postgres (given)")}",
        _ => $"authority {Address}",
    };
}

/// <summary>Who the load speaks as, and how: the key and (for the authority) the seller, T-VAN and code block. Nothing is fixed to the demo seed.</summary>
public sealed record TargetOptions
{
    /// <summary>X-Api-Key: the provider API's key (when it has one), or the T-VAN's key at the authority.</summary>
    public string? ApiKey { get; init; }

    public string TaxCode { get; init; } = DemoData.TaxCode;

    public string SellerName { get; init; } = DemoData.SellerName;

    public string TvanCode { get; init; } = DemoData.TvanCode;

    public string CodeBlock { get; init; } = DemoData.CodeBlock;

    /// <summary>The simulator's admin key: only for what needs the control plane (the soak's fast clock, --reset).</summary>
    public string? AdminKey { get; init; }

    /// <summary>Reset the authority's store before the run (only when asked, and only with an admin key).</summary>
    public bool Reset { get; init; }

    public int MaxConnections { get; init; } = 256;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The pipeline provider's store: crash-safe (a SQLite file, WAL, synchronous=FULL), memory (:memory:, nothing on disk) or tmpfs (the file on /dev/shm).</summary>
    public ProviderStore ProviderStore { get; init; } = ProviderStore.CrashSafe;

    /// <summary>simulator=…: run this TaxAuthoritySim.dll as a child process instead of hosting the simulator in this process.</summary>
    public string? SimulatorDll { get; init; }

    /// <summary>simulator=postgres: the PostgreSQL binaries for the throwaway cluster.</summary>
    public string PgBin { get; init; } = "/usr/lib/postgresql/15/bin";
}

/// <summary>The pipeline provider's store (the variants load/PipelineLoad compared): what durability costs.</summary>
public enum ProviderStore
{
    CrashSafe,
    Memory,
    Tmpfs,
}

public static class ProviderStores
{
    public static bool TryParse(string? text, out ProviderStore store)
    {
        store = ProviderStore.CrashSafe;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "crash-safe" or "file" or null or "": return true;
            case "memory" or "in-memory": store = ProviderStore.Memory; return true;
            case "tmpfs": store = ProviderStore.Tmpfs; return true;
            default: return false;
        }
    }

    public static string Name(this ProviderStore store) => store switch
    {
        ProviderStore.Memory => "memory",
        ProviderStore.Tmpfs => "tmpfs",
        _ => "crash-safe",
    };
}

/// <summary>A provider API as the POS sees it.</summary>
public sealed record ProviderEndpoint(Uri Address, string? ApiKey)
{
    public HttpClient CreateClient(int maxConnections, TimeSpan timeout) => Http.Create(Address, ApiKey, maxConnections, timeout);
}

/// <summary>The authority as a T-VAN sees it.</summary>
public sealed record AuthorityEndpoint(Uri Address, string ApiKey, string TaxCode, string SellerName, string TvanCode, string CodeBlock, string? AdminKey)
{
    public HttpClient CreateClient(int maxConnections, TimeSpan timeout) => Http.Create(Address, ApiKey, maxConnections, timeout);
}

/// <summary>A running target: what a workload can reach; disposing stops what was started here.</summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private readonly Func<ValueTask>? _stop;

    private LoadTarget(TargetSpec spec, ProviderEndpoint? provider, AuthorityEndpoint? authority, Func<ValueTask>? stop, TargetOptions options)
    {
        Spec = spec;
        Provider = provider;
        Authority = authority;
        _stop = stop;
        Options = options;
    }

    public TargetSpec Spec { get; }

    public TargetOptions Options { get; }

    public ProviderEndpoint? Provider { get; }

    public AuthorityEndpoint? Authority { get; }

    /// <summary>The in-process provider (pipeline only): its store, for checks that read it directly.</summary>
    public ProviderHost? ProviderHost { get; private init; }

    /// <summary>The pipeline provider's clock when it runs fast (soak); null otherwise.</summary>
    public TimeProvider? ProviderClock { get; private init; }

    public override string ToString() => Spec.ToString();

    /// <summary>Connects to (or, for the pipeline, starts) the target.</summary>
    /// <param name="sync">The pipeline provider's sync mode (end-of-day runs it in manual).</param>
    public static async Task<LoadTarget> StartAsync(TargetSpec spec, TargetOptions options, SyncMode sync = SyncMode.Periodic, TimeProvider? providerClock = null,
        CancellationToken ct = default)
    {
        switch (spec.Kind)
        {
            case TargetKind.Provider:
                return new LoadTarget(spec, new ProviderEndpoint(spec.Address!, options.ApiKey), null, null, options);
            case TargetKind.Authority when spec.StartSimulator is not null:
                return await StartSimulatorAsync(spec, options, ct).ConfigureAwait(false);
            case TargetKind.Authority:
                return new LoadTarget(spec, null, new AuthorityEndpoint(spec.Address!, options.ApiKey ?? DemoData.TvanApiKey, options.TaxCode, options.SellerName,
                    options.TvanCode, options.CodeBlock, options.AdminKey), null, options);
        }
        var folder = options.ProviderStore == ProviderStore.Tmpfs && Directory.Exists("/dev/shm")
            ? Directory.CreateDirectory(Path.Combine("/dev/shm", "ck-load-" + Guid.NewGuid().ToString("N")[..12])).FullName
            : Directory.CreateTempSubdirectory("ck-load-").FullName;
        var simulator = await InProcessSimulator.StartAsync(Path.Combine(folder, "sim"), ct).ConfigureAwait(false);
        var signer = new PfxPackageSigner(SamplePackageBuilder.CreateCertificate());
        var register = new RegisterConfig("quay-1", DemoData.TaxCode, DemoData.SellerName, DemoData.SellerAddress, DemoData.CodeBlock);
        var providerOptions = new ProviderOptions
        {
            Database = options.ProviderStore == ProviderStore.Memory ? PosDatabase.MemoryPrefix + "ck-load-" + Guid.NewGuid().ToString("N") : Path.Combine(folder, "provider.db"),
            Register = register, Target = simulator.Address, Sync = sync,
            BatchSize = 50, BatchInterval = TimeSpan.FromMilliseconds(500), PollInterval = TimeSpan.FromMilliseconds(200),
            RetryBase = TimeSpan.FromMilliseconds(200), RetryMax = TimeSpan.FromSeconds(5),
        };
        ProviderHost host;
        try
        {
            host = await ProviderHost.StartAsync(providerOptions, signer, "http://127.0.0.1:0", time: providerClock, ct: ct).ConfigureAwait(false);
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            signer.Dispose();
            throw;
        }
        async ValueTask Stop()
        {
            await host.DisposeAsync().ConfigureAwait(false);
            signer.Dispose();
            await simulator.DisposeAsync().ConfigureAwait(false);
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* best effort */ }
            catch (UnauthorizedAccessException) { }
        }
        return new LoadTarget(spec, new ProviderEndpoint(host.Address, null),
            new AuthorityEndpoint(simulator.Address, DemoData.TvanApiKey, DemoData.TaxCode, DemoData.SellerName, DemoData.TvanCode, DemoData.CodeBlock, DemoData.AdminKey),
            Stop, options)
        { ProviderHost = host, ProviderClock = providerClock };
    }

    /// <summary>CPU taken so far by the processes this target started outside this one (a simulator child process, PostgreSQL).</summary>
    public Func<TimeSpan>? ChildCpu { get; private init; }

    /// <summary>The simulator child process's memory (simulator=… --sim-dll); null when the target runs in this process or elsewhere.</summary>
    public MemoryProbe? Memory { get; private init; }

    /// <summary>Where the started simulator's log or store is, for the report's notes.</summary>
    public string? Note { get; private init; }

    private static async Task<LoadTarget> StartSimulatorAsync(TargetSpec spec, TargetOptions options, CancellationToken ct)
    {
        PostgresCluster? cluster = null;
        string? store = spec.StartSimulator switch
        {
            "sqlite" => null,
            "postgres" => null,
            var given => given,
        };
        if (spec.StartSimulator == "postgres")
        {
            cluster = await PostgresCluster.StartAsync(options.PgBin, ct).ConfigureAwait(false);
            store = cluster.ConnectionString;
        }
        try
        {
            Uri address;
            Func<ValueTask> stopSimulator;
            Func<TimeSpan>? simulatorCpu = null;
            MemoryProbe? memory = null;
            string note;
            if (options.SimulatorDll is { } dll)
            {
                var process = await SimulatorProcess.StartAsync(Path.GetFullPath(dll), store, keepData: false, ct).ConfigureAwait(false);
                address = process.BaseAddress;
                stopSimulator = process.DisposeAsync;
                simulatorCpu = () => process.ProcessorTime;
                memory = process.MemoryProbe;
                note = $"simulator: child process dotnet {dll}, log {process.LogPath}";
            }
            else
            {
                var simulator = await InProcessSimulator.StartAsync(null, store is null ? [] : ["--store", store], ct).ConfigureAwait(false);
                address = simulator.Address;
                stopSimulator = simulator.DisposeAsync;
                note = "simulator: in this process (its CPU is counted with the generator's)";
            }
            if (cluster is not null) note += $"; PostgreSQL: a throwaway cluster on port {cluster.Port} (fsync=on)";
            var pg = cluster;
            async ValueTask Stop()
            {
                await stopSimulator().ConfigureAwait(false);
                if (pg is not null) await pg.DisposeAsync().ConfigureAwait(false);
            }
            TimeSpan Cpu() => (simulatorCpu?.Invoke() ?? TimeSpan.Zero) + (pg?.ProcessorTime ?? TimeSpan.Zero);
            return new LoadTarget(spec, null,
                new AuthorityEndpoint(address, options.ApiKey ?? DemoData.TvanApiKey, options.TaxCode, options.SellerName, options.TvanCode, options.CodeBlock,
                    options.AdminKey ?? DemoData.AdminKey), Stop, options)
            { ChildCpu = simulatorCpu is null && pg is null ? null : Cpu, Note = note, Memory = memory };
        }
        catch
        {
            if (cluster is not null) await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop is not null) await _stop().ConfigureAwait(false);
    }
}

/// <summary>HttpClients for load: one pooled handler, many HTTP/1.1 connections, no proxy, no cookies.</summary>
public static class Http
{
    public static HttpClient Create(Uri baseAddress, string? apiKey, int maxConnections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        client.DefaultRequestVersion = HttpVersion.Version11;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        if (!string.IsNullOrEmpty(apiKey)) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }
}

/// <summary>A clock running <paramref name="rate"/>× faster than real time from <paramref name="origin"/> (timers stay real): the soak's simulated day.</summary>
public sealed class FastClock(DateTimeOffset origin, double rate) : TimeProvider
{
    private readonly long _start = System.GetTimestamp();

    public double Rate => rate;

    public override DateTimeOffset GetUtcNow() => origin + System.GetElapsedTime(_start) * rate;
}

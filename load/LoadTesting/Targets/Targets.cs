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

/// <summary>What to load: <c>pipeline</c>, <c>provider=URL</c> or <c>authority=URL</c>, with the options that go with it.</summary>
public sealed record TargetSpec(TargetKind Kind, Uri? Address)
{
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
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var kind = eq < 0 ? "" : text[..eq].ToLowerInvariant();
        var url = eq < 0 ? "" : text[(eq + 1)..];
        if (kind is not ("provider" or "authority"))
        {
            error = $"--target '{text}': write pipeline, provider=URL or authority=URL";
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
            case TargetKind.Authority:
                return new LoadTarget(spec, null, new AuthorityEndpoint(spec.Address!, options.ApiKey ?? DemoData.TvanApiKey, options.TaxCode, options.SellerName,
                    options.TvanCode, options.CodeBlock, options.AdminKey), null, options);
        }
        var folder = Directory.CreateTempSubdirectory("ck-load-").FullName;
        var simulator = await InProcessSimulator.StartAsync(Path.Combine(folder, "sim"), ct).ConfigureAwait(false);
        var signer = new PfxPackageSigner(SamplePackageBuilder.CreateCertificate());
        var register = new RegisterConfig("quay-1", DemoData.TaxCode, DemoData.SellerName, DemoData.SellerAddress, DemoData.CodeBlock);
        var providerOptions = new ProviderOptions
        {
            Database = Path.Combine(folder, "provider.db"), Register = register, Target = simulator.Address, Sync = sync,
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

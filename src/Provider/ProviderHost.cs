using ConformanceKit.Provider.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.Provider;

/// <summary>
/// A running provider: the store, the engine's loop and its JSON API on Kestrel. Also runs the
/// middleware connections (folder watcher, table poller) the caller adds as background loops.
/// </summary>
public sealed class ProviderHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly ProviderLock _storeLock;
    private readonly Pos.CodeAllocator _allocator;
    private readonly AuthorityClient _authority;

    private ProviderHost(WebApplication app, ProviderEngine engine, ProviderLock storeLock, Pos.CodeAllocator allocator, AuthorityClient authority)
    {
        _app = app;
        Engine = engine;
        _storeLock = storeLock;
        _allocator = allocator;
        _authority = authority;
    }

    public ProviderEngine Engine { get; }

    /// <summary>The API's base address, e.g. http://127.0.0.1:5070/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <param name="listen">Kestrel URL; port 0 picks a free one.</param>
    /// <param name="configureLogging">Where the provider's log goes (the console for `ck provider`, nowhere in tests).</param>
    public static async Task<ProviderHost> StartAsync(ProviderOptions options, IPackageSigner signer, string listen,
        Action<ILoggingBuilder>? configureLogging = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        var storeLock = ProviderLock.Acquire(options.Database);
        var allocator = new Pos.CodeAllocator(options.Database);
        var store = new ProviderStore(allocator);
        var authority = new AuthorityClient(new HttpClient { BaseAddress = options.Target, Timeout = options.SendTimeout }, options.ApiKey);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(listen);
        builder.Logging.ClearProviders();
        if (configureLogging is null) builder.Logging.AddFilter(_ => false);
        else configureLogging(builder.Logging);
        builder.Services.AddOpenApi();
        var app = builder.Build();
        var engine = new ProviderEngine(options, store, allocator, signer, authority, time,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("provider"));
        ProviderEndpoints.Map(app, engine);
        TokenSigningEndpoints.Map(app, engine);
        app.MapOpenApi();
        var host = new ProviderHost(app, engine, storeLock, allocator, authority);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await host.DisposeAsync(); // e.g. the address is in use: release the store for the next try
            throw;
        }
        host.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        host.AddLoop(engine.RunAsync);
        return host;
    }

    /// <summary>A logger writing where the provider's log goes.</summary>
    public ILogger Logger(string category) => _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

    /// <summary>Runs another loop (a folder watcher, a table poller) until the host stops.</summary>
    public void AddLoop(Func<CancellationToken, Task> loop) => _loops.Add(Task.Run(() => loop(_stop.Token)));

    /// <summary>Completes when a loop fails (it should not) or the host stops.</summary>
    public Task Completion => Task.WhenAny(_loops);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        Engine.Dispose();
        _authority.Dispose();
        _allocator.Dispose(); // and with it the store's connection
        _storeLock.Dispose();
        _stop.Dispose();
    }
}

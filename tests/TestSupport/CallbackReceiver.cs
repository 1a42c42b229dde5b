using System.Collections.Concurrent;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.TestSupport;

/// <summary>One POST the authority made to the callback address, and what the receiver answered.</summary>
public sealed record Push(string HeaderId, string HeaderType, byte[] Body, bool Accepted)
{
    /// <summary>The TDiep pushed, read.</summary>
    public Message Response => MessageReader.Read(Body);
}

/// <summary>
/// A T-VAN's callback receiver: a minimal ASP.NET Core app on http://127.0.0.1:0 (a free port) that records every push
/// to /callback and refuses (HTTP 500) the first N. Start it, give the simulator <see cref="Url"/>, dispose it after.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Push> _pushes = new();
    private WebApplication? _app;
    private int _refusalsLeft;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every push so far, refused ones included, in arrival order.</summary>
    public IReadOnlyList<Push> Pushes => [.. _pushes];

    /// <summary>Pushes refused so far.</summary>
    public int Refused => _pushes.Count(p => !p.Accepted);

    public async Task StartAsync(int refuseFirst = 0)
    {
        _refusalsLeft = refuseFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/callback", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var accepted = Interlocked.Decrement(ref _refusalsLeft) < 0;
            _pushes.Enqueue(new Push(request.Headers["X-MTDiep"].ToString(), request.Headers["X-MLTDiep"].ToString(), body.ToArray(), accepted));
            return accepted ? Results.NoContent() : Results.StatusCode(StatusCodes.Status500InternalServerError);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.TrimEnd('/') + "/callback");
    }

    /// <summary>
    /// Waits (real time) until an accepted push satisfies <paramref name="wanted"/>, calling <paramref name="meanwhile"/>
    /// between polls (to let the authority's back-off pass); null when the timeout passes first.
    /// </summary>
    public Task<Push?> WaitForAsync(Func<Push, bool> wanted, Func<Task>? meanwhile = null, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(() => Task.FromResult(_pushes.FirstOrDefault(p => p.Accepted && wanted(p))), p => p is not null,
            timeout, meanwhile);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

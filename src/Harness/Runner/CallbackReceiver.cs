using System.Collections.Concurrent;
using ConformanceKit.Einvoice.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.Harness.Runner;

/// <summary>
/// The T-VANs' callback endpoint during a run: POST {base}/tvan/{code} records each pushed response. It can be told
/// to fail the first N posts for a T-VAN, to check that the target retries.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _failFirst = new();
    private readonly ConcurrentQueue<Received> _received = new();

    public sealed record Received(string Tvan, string? Type, string? ReplyTo, int Answered, DateTimeOffset At);

    private CallbackReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL the target is told to post to (seed "{callbackUrl}").</summary>
    public string BaseUrl { get; private set; } = "";

    /// <param name="listen">Where to listen (default http://127.0.0.1:0).</param>
    /// <param name="publicBase">The base URL the target should use, when it differs from where this listens (NAT, containers).</param>
    public static async Task<CallbackReceiver> StartAsync(string? listen = null, string? publicBase = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listen ?? "http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        app.MapPost("/tvan/{code}", receiver.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = (publicBase ?? address).TrimEnd('/');
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> posts for the T-VAN get a 500.</summary>
    public void FailFirst(string tvan, int count) { lock (_failFirst) _failFirst[tvan] = count; }

    public IReadOnlyList<Received> For(string tvan, string replyTo) =>
        [.. _received.Where(r => r.Tvan == tvan && r.ReplyTo == replyTo)];

    private async Task<IResult> HandleAsync(string code, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        string? type = null, replyTo = null;
        try
        {
            var header = MessageReader.Read(buffer.ToArray()).Header;
            (type, replyTo) = (header.MessageType, header.ReplyToId);
        }
        catch (Exception) { /* recorded as unreadable; the case's expectation names the types it wants */ }
        var status = TakeFailure(code) ? 500 : 200;
        _received.Enqueue(new Received(code, type, replyTo, status, DateTimeOffset.UtcNow));
        return Results.StatusCode(status);
    }

    private bool TakeFailure(string code)
    {
        lock (_failFirst)
        {
            if (!_failFirst.TryGetValue(code, out var left) || left <= 0) return false;
            _failFirst[code] = left - 1;
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

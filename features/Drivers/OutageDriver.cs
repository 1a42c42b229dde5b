using System.Net;
using System.Net.Sockets;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// What goes wrong between the shop's provider and the authority: the shop's line (a loopback TCP link the provider
/// reaches the authority through, that can go down and come back on the same address), and the authority's fault
/// rules (docs/simulator.md, "Fault rules"), each aimed at the provider's T-VAN only, for the first N matches.
/// </summary>
public sealed class OutageDriver(SimulatorDriver authority, ReferenceProvider provider) : IDisposable
{
    private ShopLine? _line;

    private ShopLine Line => _line ?? throw new InvalidOperationException(
        "the shop's provider does not reach the authority through a line of the scenario: start with 'Given the shop reaches the authority over its internet line'");

    /// <summary>Opens the line and points the provider at it (before its first sale).</summary>
    public void RouteThroughLine()
    {
        _line = ShopLine.Open(authority.Address);
        provider.Configure(o => o with { Target = _line.Address });
    }

    /// <summary>The line goes down: open connections are cut, new ones refused.</summary>
    public void LineDown() => Line.Cut();

    /// <summary>The line is back, on the same address.</summary>
    public void LineUp() => Line.Restore();

    /// <summary>The T-VAN's next <paramref name="count"/> messages get HTTP 500 or 503 (Retry-After: 1) and are not taken.</summary>
    public Task AnswerNextMessagesWithAsync(TvanAccount tvan, int status, int count) => authority.AddFaultAsync(new FaultRule
    {
        Action = status switch
        {
            500 => FaultAction.Status500,
            503 => FaultAction.Status503,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "the authority can simulate HTTP 500 and 503"),
        },
        Route = "/api/v1/messages", Tvan = tvan.Code, FirstN = count,
    });

    /// <summary>The connections of the T-VAN's next <paramref name="count"/> messages are dropped before an answer; nothing is taken.</summary>
    public Task DropNextConnectionsAsync(TvanAccount tvan, int count) => authority.AddFaultAsync(new FaultRule
    {
        Action = FaultAction.CloseConnection, Route = "/api/v1/messages", Tvan = tvan.Code, FirstN = count,
    });

    /// <summary>The 204 of the T-VAN's next package becomes visible <paramref name="minutes"/> simulated minutes later than due.</summary>
    public Task HoldBackNextNoticeAsync(TvanAccount tvan, int minutes) => authority.AddFaultAsync(new FaultRule
    {
        Action = FaultAction.Delay204, MessageType = "206", Tvan = tvan.Code, FirstN = 1, DelaySeconds = minutes * 60,
    });

    public void Dispose() => _line?.Dispose();
}

/// <summary>
/// The shop's line to the authority: a TCP link on a loopback port forwarding to the authority's host and port. Cut, it
/// stops listening (connection refused) and resets every open connection; restored, it listens on the same port again.
/// </summary>
public sealed class ShopLine : IDisposable
{
    private readonly string _host;
    private readonly int _upstreamPort;
    private readonly int _port;
    private readonly Lock _gate = new();
    private readonly HashSet<TcpClient> _open = [];
    private TcpListener? _listener;

    private ShopLine(Uri upstream, TcpListener listener)
    {
        (_host, _upstreamPort) = (upstream.Host, upstream.Port);
        _listener = listener;
        _port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Address = new Uri($"http://127.0.0.1:{_port}{upstream.AbsolutePath}");
    }

    /// <summary>Where the provider reaches the authority through the line.</summary>
    public Uri Address { get; }

    public static ShopLine Open(Uri upstream)
    {
        var listener = Listen(0);
        var line = new ShopLine(upstream, listener);
        _ = line.AcceptAsync(listener);
        return line;
    }

    public void Cut()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var c in _open) Reset(c);
            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null) return;
            _listener = Listen(_port);
            _ = AcceptAsync(_listener);
        }
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return listener;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // cut
            }
            _ = ForwardAsync(inbound);
        }
    }

    private async Task ForwardAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (_gate)
        {
            if (_listener is null) { Reset(inbound); outbound.Dispose(); return; }
            _open.Add(inbound);
            _open.Add(outbound);
        }
        try
        {
            await outbound.ConnectAsync(_host, _upstreamPort);
            var (a, b) = (inbound.GetStream(), outbound.GetStream());
            await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // cut, or one side went away
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
            Reset(inbound);
            Reset(outbound);
        }
    }

    /// <summary>Closes with a reset (no lingering TIME_WAIT on the line's port), as a dead line would.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // already closed
        }
        client.Dispose();
    }

    public void Dispose() => Cut();
}

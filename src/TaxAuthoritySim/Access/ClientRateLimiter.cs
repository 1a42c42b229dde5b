using System.Net;
using System.Net.Sockets;

namespace ConformanceKit.TaxAuthoritySim.Access;

/// <summary>The answer of a <see cref="ClientRateLimiter"/>: allowed, or not before <see cref="RetryAfter"/>.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds for a Retry-After header (at least 1).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// A fixed-window counter per client: at most <c>limit</c> takes per <c>window</c>. Time is wall-clock
/// time from the injected <see cref="TimeProvider"/> (not the simulated clock, which the control plane
/// can freeze or speed up). Memory is bounded: at most <c>maxClients</c> windows are kept; ended
/// windows are swept once per window, and when the table is still full the oldest quarter is dropped
/// (a dropped client starts a new window, so an attacker can only lose its own count, not others').
/// </summary>
public sealed class ClientRateLimiter
{
    private readonly Dictionary<string, Window> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private DateTimeOffset _lastSweep;

    public ClientRateLimiter(int limit, TimeSpan window, TimeProvider time, int maxClients = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 4);
        Limit = limit;
        WindowLength = window;
        MaxClients = maxClients;
        _time = time;
        _lastSweep = time.GetUtcNow();
    }

    public int Limit { get; }
    public TimeSpan WindowLength { get; }
    public int MaxClients { get; }

    /// <summary>Clients tracked now (for tests of the memory bound).</summary>
    public int Count
    {
        get { lock (_lock) return _clients.Count; }
    }

    /// <summary>Whether <paramref name="client"/> may go on, without counting anything.</summary>
    public RateDecision Check(string client)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _clients.TryGetValue(client, out var w) && now < w.Start + WindowLength && w.Count >= Limit
                ? new RateDecision(false, w.Start + WindowLength - now)
                : new RateDecision(true, TimeSpan.Zero);
        }
    }

    /// <summary>Counts one take for <paramref name="client"/> when under the limit; refused (and not counted) otherwise.</summary>
    public RateDecision Take(string client)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (now - _lastSweep >= WindowLength) Sweep(now);
            if (!_clients.TryGetValue(client, out var w) || now >= w.Start + WindowLength)
            {
                if (_clients.Count >= MaxClients && !_clients.ContainsKey(client)) MakeRoom(now);
                _clients[client] = new Window(now, 1);
                return new RateDecision(true, TimeSpan.Zero);
            }
            if (w.Count >= Limit) return new RateDecision(false, w.Start + WindowLength - now);
            _clients[client] = w with { Count = w.Count + 1 };
            return new RateDecision(true, TimeSpan.Zero);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        _lastSweep = now;
        foreach (var (key, w) in _clients)
            if (now >= w.Start + WindowLength) _clients.Remove(key);
    }

    private void MakeRoom(DateTimeOffset now)
    {
        Sweep(now);
        if (_clients.Count < MaxClients) return;
        foreach (var key in _clients.OrderBy(c => c.Value.Start).Take(Math.Max(1, MaxClients / 4)).Select(c => c.Key).ToList())
            _clients.Remove(key);
    }

    /// <summary>
    /// Who the client is: the remote IP address (an IPv6 address by its /64 network, which one machine
    /// usually holds whole). Forwarded-for headers are not trusted: the simulator is not behind a proxy.
    /// </summary>
    public static string ClientOf(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null) return "local";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private readonly record struct Window(DateTimeOffset Start, int Count);
}

/// <summary>The simulator's two limiters: anonymous invoice look-ups, and wrong keys at the pages' login.</summary>
public sealed class AccessLimits(ClientRateLimiter lookups, ClientRateLimiter logins)
{
    /// <summary>The DI key of the wall-clock <see cref="TimeProvider"/> the limits and page sessions use (tests replace it).</summary>
    public const string WallClock = "wall-clock";

    public ClientRateLimiter Lookups { get; } = lookups;
    public ClientRateLimiter Logins { get; } = logins;

    /// <summary>
    /// Who the request is (see <see cref="PageSessions.Resolve"/>), with key headers held to the login limit:
    /// a client over it gets <c>Blocked</c> before its key is even compared, and a wrong key header counts
    /// as a failed login (so the pages and the look-up cannot be used to guess keys).
    /// </summary>
    public (Viewer Viewer, RateDecision? Blocked) Identify(HttpContext http, Registry.ReferenceData registry, PageSessions sessions)
    {
        var client = ClientRateLimiter.ClientOf(http);
        var headers = http.Request.Headers;
        if (headers.ContainsKey(Endpoints.ApiKeys.AdminHeader) || headers.ContainsKey(Endpoints.ApiKeys.TvanHeader))
        {
            var check = Logins.Check(client);
            if (!check.Allowed) return (Viewer.Anonymous, check);
        }
        var viewer = sessions.Resolve(http, registry, out var wrongKey);
        if (wrongKey && Logins.Take(client) is { Allowed: false } refused) return (Viewer.Anonymous, refused);
        return (viewer, null);
    }
}

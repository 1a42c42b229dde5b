using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>
/// Kestrel limits for a test server that hostile or broken clients may reach: a client that opens
/// many connections, or trickles a body, holds little and not for long.
/// </summary>
public static class ConnectionLimits
{
    /// <summary>Largest request body of any route (a seed document); messages have their own 2 MB limit.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024 * 1024;

    public static void Apply(KestrelServerOptions k)
    {
        k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        k.Limits.MaxConcurrentConnections = 2_000;
        k.Limits.MaxConcurrentUpgradedConnections = 100;
        k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
        k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        // A 2 MB message at this rate arrives in under 4 minutes; a trickle far below it is cut off.
        k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 10 * 1024, gracePeriod: TimeSpan.FromSeconds(10));
        k.Limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(10));
    }
}

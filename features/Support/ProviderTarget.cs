namespace ConformanceKit.Features.Support;

/// <summary>
/// Where pipeline scenarios find the shop's provider: the reference provider in-process (default), or a vendor's own
/// provider implementing docs/provider.md's API at CK_PROVIDER_URL, with CK_PROVIDER_KEY sent as X-Api-Key.
/// </summary>
public static class ProviderTarget
{
    public static Uri? Url { get; } =
        Environment.GetEnvironmentVariable("CK_PROVIDER_URL") is { Length: > 0 } url ? new Uri(url.TrimEnd('/') + "/") : null;

    public static string? Key { get; } = Environment.GetEnvironmentVariable("CK_PROVIDER_KEY") is { Length: > 0 } k ? k : null;
}

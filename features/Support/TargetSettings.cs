using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Features.Support;

/// <summary>
/// Where the features run: the in-process simulator by default, or CK_TARGET (a base URL of anything that
/// implements the simulator contract with the demo seed) with CK_ADMIN_KEY and CK_TVAN_KEY.
/// </summary>
public static class TargetSettings
{
    public static Uri? Target { get; } =
        Environment.GetEnvironmentVariable("CK_TARGET") is { Length: > 0 } url ? new Uri(url.TrimEnd('/') + "/") : null;

    public static string AdminKey { get; } = Environment.GetEnvironmentVariable("CK_ADMIN_KEY") is { Length: > 0 } k ? k : DemoData.AdminKey;

    public static string TvanKey { get; } = Environment.GetEnvironmentVariable("CK_TVAN_KEY") is { Length: > 0 } k ? k : DemoData.TvanApiKey;
}

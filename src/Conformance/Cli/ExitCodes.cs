namespace ConformanceKit.Conformance.Cli;

/// <summary>Named exit codes of the ck tool; scripts depend on them.</summary>
public static class ExitCodes
{
    /// <summary>Everything checked is valid (warnings allowed).</summary>
    public const int Ok = 0;

    /// <summary>At least one input is invalid / one case failed.</summary>
    public const int Invalid = 1;

    /// <summary>Usage error, or an input could not be read.</summary>
    public const int UsageOrUnreadable = 2;
}

namespace ConformanceKit.Conformance.Cli;

/// <summary>
/// Named exit codes of the ck tool; scripts and CI depend on them. They tell a conformance failure (what
/// was checked is wrong) from a usage error (what was asked is wrong) from a harness failure (the check
/// could not be carried out).
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything checked holds (warnings allowed).</summary>
    public const int Ok = 0;

    /// <summary>A conformance failure: an input is invalid, a case failed, a check did not hold, a report does not verify.</summary>
    public const int Failed = 1;

    /// <summary>A usage error: a bad option or argument, or an input that cannot be read.</summary>
    public const int Usage = 2;

    /// <summary>A harness failure: the target cannot be reached or used, a case could not be carried out, a service would not start.</summary>
    public const int HarnessError = 3;

    /// <summary>Nothing (or not everything) could be judged: an observed window with no package taken, a certificate INCOMPLETE.</summary>
    public const int Incomplete = 4;
}

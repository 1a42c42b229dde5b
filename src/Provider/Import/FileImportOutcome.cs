namespace ConformanceKit.Provider.Import;

/// <summary>What became of one sale file in a scan.</summary>
public enum FileImportOutcome
{
    /// <summary>Every sale was issued; the file is in done/ with its .invoices.csv.</summary>
    Done,

    /// <summary>The file had mapping errors (nothing was sent); it is in rejected/ with its .errors.csv.</summary>
    Rejected,

    /// <summary>The provider failed (not the file's fault); the file stays in the inbox for the next scan.</summary>
    Retry,
}

namespace ConformanceKit.Provider.Import;

/// <summary>What one scan of the inbox did.</summary>
/// <param name="Files">The files handled, oldest first.</param>
/// <param name="Waiting">Sale files left for a later scan because they may still be being written.</param>
public sealed record FolderScanResult(IReadOnlyList<FileImportResult> Files, IReadOnlyList<string> Waiting)
{
    public int Done => Files.Count(f => f.Outcome == FileImportOutcome.Done);

    public int Rejected => Files.Count(f => f.Outcome == FileImportOutcome.Rejected);

    public int Retrying => Files.Count(f => f.Outcome == FileImportOutcome.Retry);
}

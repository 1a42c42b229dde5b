namespace ConformanceKit.Conformance.Reports;

/// <summary>The key reports are signed with (first increment: chosen, not yet used).</summary>
public sealed class ReportSigner
{
    private ReportSigner(string? keyPath) => KeyPath = keyPath;

    public string? KeyPath { get; }

    /// <summary>The key at <paramref name="keyPath"/> (a PFX), else the user's default key.</summary>
    public static ReportSigner Resolve(string? keyPath) => new(keyPath);
}

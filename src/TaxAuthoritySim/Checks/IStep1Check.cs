namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>One family of Decision 1391 step-1 checks, run over a package read once.</summary>
public interface IStep1Check
{
    /// <summary>The codes this family raises (for the docs and the tests).</summary>
    IReadOnlyList<string> Codes { get; }

    IEnumerable<CheckFailure> Run(PackageUnderCheck package);
}

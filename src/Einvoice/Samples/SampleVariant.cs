using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Einvoice.Samples;

/// <summary>A finding a sample must produce: its code, where, and which invoice.</summary>
public sealed record ExpectedFinding(string Code, string Path, int? Invoice = null);

/// <summary>
/// One sample: a mutation of the valid package (on the model before signing, or on the signed
/// bytes), optionally in a shape production senders use, and the findings it must produce — stated here,
/// independently of the validator.
/// </summary>
public sealed record SampleVariant(
    string Name,
    string Description,
    IReadOnlyList<ExpectedFinding> Expected,
    Action<InvoicePackage>? MutateModel = null,
    Func<byte[], byte[]>? MutateSigned = null,
    bool Sign = true,
    Einvoice.Samples.ProductionShape? Shape = null)
{
    /// <summary>Valid when every expected finding is an advisory warning (W…).</summary>
    public bool IsValid => Expected.All(f => f.Code.StartsWith('W'));
}

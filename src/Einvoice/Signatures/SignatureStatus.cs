namespace ConformanceKit.Einvoice.Signatures;

/// <summary>Outcome of checking one XML signature.</summary>
public enum SignatureStatus
{
    Valid,
    Invalid,

    /// <summary>No signature where one was required.</summary>
    Missing,
}

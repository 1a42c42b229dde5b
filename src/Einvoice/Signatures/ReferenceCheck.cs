using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>Result for one ds:Reference of a signature.</summary>
/// <param name="Uri">The URI as written, e.g. "#DL1" (empty when absent).</param>
/// <param name="ResolvedPath">Element path the URI resolved to, null when it did not resolve.</param>
/// <param name="DigestValid">True when the recomputed SHA-256 digest equals DigestValue.</param>
/// <param name="Problem">Why the reference fails, null when it is fine.</param>
public sealed record ReferenceCheck(string Uri, string? ResolvedPath, bool DigestValid, string? Problem)
{
    /// <summary>The resolved element, kept so coverage policies can compare by identity.</summary>
    internal XmlElement? Target { get; init; }
}

namespace ConformanceKit.Einvoice.Xml;

/// <summary>
/// How much structure one message may have. Real messages stay far below each limit (the signed
/// 202 of the test environment: depth 9, 4 namespace declarations, 2 attributes per element, 221
/// elements); the limits exist because some consumers cost more than linear time in them — C14N
/// renders the in-scope namespaces at every element, and every attribute can become a finding.
/// </summary>
public sealed record XmlLimits
{
    /// <summary>Deepest element nesting; recursive consumers (XmlDocument.Load, C14N) use the stack.</summary>
    public int MaxDepth { get; init; } = SafeXml.MaxDepth;

    /// <summary>Attributes on one element, namespace declarations included.</summary>
    public int MaxAttributesPerElement { get; init; } = 64;

    /// <summary>Namespace declarations in scope at any element (its own and its ancestors').</summary>
    public int MaxNamespacesInScope { get; init; } = 64;

    /// <summary>Elements in the whole document: a 2 MB package of real invoices has about 40,000.</summary>
    public int MaxElements { get; init; } = 250_000;

    /// <summary>The limits every untrusted message is read under.</summary>
    public static readonly XmlLimits Message = new();
}

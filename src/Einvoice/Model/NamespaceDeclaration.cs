namespace ConformanceKit.Einvoice.Model;

/// <summary>
/// A prefixed <c>xmlns:prefix="uri"</c> declaration kept from the wire. Inclusive C14N copies
/// in-scope declarations into every signed descendant, so dropping them would break signatures.
/// </summary>
public sealed record NamespaceDeclaration(string Prefix, string Uri);

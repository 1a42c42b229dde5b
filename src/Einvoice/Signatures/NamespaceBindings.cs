namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// The namespace-binding list both canonicalisers keep (the DOM's <see cref="C14NWriter"/> and the streaming
/// <see cref="StreamC14N"/>): one rule, so the streamed digest cannot drift from the DOM's.
/// </summary>
internal static class NamespaceBindings
{
    /// <summary>C14N renders namespace nodes in prefix order (the default namespace, "", first).</summary>
    public static readonly Comparison<(string Prefix, string Uri)> Order =
        (a, b) => string.CompareOrdinal(a.Prefix, b.Prefix);

    /// <summary>Binds <paramref name="prefix"/>; an existing binding is replaced only when <paramref name="overwrite"/>. xml/xmlns are never rendered.</summary>
    public static void Set(List<(string Prefix, string Uri)> list, string prefix, string uri, bool overwrite)
    {
        if (prefix is "xml" or "xmlns") return;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Prefix != prefix) continue;
            if (overwrite) list[i] = (prefix, uri);
            return;
        }
        list.Add((prefix, uri));
    }
}

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

    /// <summary>
    /// Writes the namespace declarations of an element start: the bindings in <paramref name="declarations"/> that the
    /// output parent does not already have, in C14N order, putting each in <paramref name="scope"/> and noting what it
    /// replaced in <paramref name="undo"/> (restored when the element ends).
    /// </summary>
    public static void WriteChanged(List<(string Prefix, string Uri)> declarations, Dictionary<string, string> scope,
        List<(string Prefix, string? Old)> undo, List<(string Prefix, string Uri)> rendered, CanonicalSink sink)
    {
        rendered.Clear();
        foreach (var (prefix, uri) in declarations)
        {
            var had = scope.TryGetValue(prefix, out var old);
            if ((had ? old! : string.Empty) == uri) continue; // the output parent already has it
            undo.Add((prefix, had ? old : null));
            scope[prefix] = uri;
            rendered.Add((prefix, uri));
        }
        rendered.Sort(Order);
        foreach (var (prefix, uri) in rendered)
        {
            sink.Write(prefix.Length == 0 ? " xmlns" : " xmlns:");
            sink.Write(prefix);
            sink.WriteAttributeValue(uri);
        }
    }
}

namespace ConformanceKit.Einvoice.Validation;

/// <summary>
/// Tracks where a streaming reader is, as an element path with sibling indexes
/// (/TDiep/DLieu/HDon[3]/DLHDon/NDHDon/DSHHDVu/HHDVu[2]/TSuat), without building a DOM.
/// </summary>
internal sealed class ElementPath : ConformanceKit.Einvoice.Signatures.IElementCounts
{
    // Elements that repeat by design are always indexed, so paths stay stable when a sibling is added.
    private static readonly HashSet<string> Repeating =
        ["HDon", "HHDVu", "TTin", "LTSuat", "LPhi", "LDo", "CTS", "MKhoi", "TDiep"];

    private readonly List<Level> _levels = [];

    private sealed class Level
    {
        public string Name = "";
        public int Index;
        public int Line;
        public int Column;
        public readonly Dictionary<string, int> ChildCounts = new(StringComparer.Ordinal);

        /// <summary>This level's path, built at most once per element (a leaf's path is asked per leaf).</summary>
        public string? Path;
    }

    /// <summary>Depth of the innermost open element (0 = root), -1 before the root.</summary>
    public int Depth { get; private set; } = -1;

    /// <summary>Records an element start at the reader's depth.</summary>
    public void Enter(string name, int depth, int line, int column)
    {
        var index = 1;
        if (depth > 0)
        {
            var counts = _levels[depth - 1].ChildCounts;
            counts.TryGetValue(name, out var seen);
            index = seen + 1;
            counts[name] = index;
        }
        while (_levels.Count <= depth) _levels.Add(new Level());
        var level = _levels[depth];
        level.Name = name;
        level.Index = index;
        level.Line = line;
        level.Column = column;
        level.ChildCounts.Clear();
        // This level and every deeper one now sit under a different element: their paths are stale.
        for (var i = depth; i < _levels.Count; i++) _levels[i].Path = null;
        Depth = depth;
    }

    /// <summary>Records an element end (or an empty element) at the reader's depth.</summary>
    public void Leave(int depth) => Depth = depth - 1;

    public string NameAt(int depth) => _levels[depth].Name;

    /// <summary>True when the element at <paramref name="depth"/> has had a child element so far.</summary>
    public bool HasChildren(int depth) => depth < _levels.Count && _levels[depth].ChildCounts.Count > 0;

    public int IndexAt(int depth) => _levels[depth].Index;

    /// <summary>Children of the element at <paramref name="depth"/> named <paramref name="name"/> so far (final once it ends).</summary>
    public int ChildCount(int depth, string name) => _levels[depth].ChildCounts.GetValueOrDefault(name);

    public (int Line, int Column) PositionAt(int depth) => (_levels[depth].Line, _levels[depth].Column);

    /// <summary>The path of the element at <paramref name="depth"/> (inclusive).</summary>
    public string ToString(int depth)
    {
        if (depth < 0 || _levels.Count == 0) return "";
        if (depth >= _levels.Count) depth = _levels.Count - 1;
        var level = _levels[depth];
        return level.Path ??= ToString(depth - 1) + Segment(level.Name, level.Index, depth);
    }

    /// <summary>One step of a path: "/Name", or "/Name[i]" for an element that repeats or is not the first of its name.</summary>
    public static string Segment(string name, int index, int depth) =>
        (depth > 0 && Repeating.Contains(name)) || index > 1
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/{name}[{index}]")
            : "/" + name;

    /// <summary>Index of the HDon the element at <paramref name="depth"/> belongs to, if any.</summary>
    public int? InvoiceIndexAt(int depth)
    {
        // A 206 keeps its invoices at /TDiep/DLieu/HDon: depth 2.
        if (depth >= 2 && _levels.Count > 2 && _levels[2].Name == "HDon" && _levels[1].Name == "DLieu")
            return _levels[2].Index;
        return null;
    }
}

namespace ConformanceKit.Features.Reqnroll;

/// <summary>A step's table (Reqnroll: <c>DataTable</c>): the first row is the header.</summary>
public sealed class DataTable(IReadOnlyList<IReadOnlyList<string>> cells)
{
    public IReadOnlyList<string> Header { get; } = cells.Count > 0 ? cells[0] : [];

    /// <summary>The rows under the header, each as column name → value.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; } =
        [.. cells.Skip(1).Select(r => (IReadOnlyDictionary<string, string>)cells[0].Zip(r).ToDictionary(p => p.First, p => p.Second))];

    public IReadOnlyList<IReadOnlyList<string>> Cells { get; } = cells;
}

namespace ConformanceKit.Features.Support;

/// <summary>Text that hooks add to a failed scenario's message (e.g. its HTTP exchange); one per scenario (injected).</summary>
public sealed class FailureDetails
{
    private readonly List<string> _items = [];

    public IReadOnlyList<string> Items { get { lock (_items) return [.. _items]; } }

    public void Add(string title, string text)
    {
        lock (_items) _items.Add($"--- {title} ---\n{text}");
    }
}

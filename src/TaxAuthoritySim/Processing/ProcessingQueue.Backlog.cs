using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>
/// The unprocessed backlog (queued or being checked), in invoices, in all and per T-VAN: what the intake's back-pressure
/// reads before it takes another message (docs/simulator.md, "Durability and limits").
/// </summary>
public sealed partial class ProcessingQueue
{
    private readonly Dictionary<string, long> _backlogByTvan = new(StringComparer.Ordinal);
    private long _backlog;

    /// <summary>Invoices acknowledged and not yet through their data check (a message without invoices counts 1).</summary>
    public long Backlog
    {
        get { lock (_gate) return _backlog; }
    }

    /// <summary>The same, of one T-VAN.</summary>
    public long BacklogOf(string tvan)
    {
        lock (_gate) return _backlogByTvan.GetValueOrDefault(tvan);
    }

    /// <summary>
    /// Whether <paramref name="tvan"/> must wait before sending more: the backlog is at <paramref name="limit"/> or over
    /// it, and this T-VAN already holds its fair share of it (the limit split evenly between the T-VANs that have a
    /// backlog, itself included). A T-VAN below its share is still taken: one T-VAN's burst does not lock out the others.
    /// </summary>
    public bool IsOverLimit(string tvan, long limit)
    {
        if (limit <= 0) return false;
        lock (_gate)
        {
            if (_backlog < limit) return false;
            var mine = _backlogByTvan.GetValueOrDefault(tvan);
            var sharing = _backlogByTvan.Count + (mine == 0 ? 1 : 0);
            return mine >= limit / sharing;
        }
    }

    // SLuong as read at reception (1 when absent): a 200-invoice package is 200 times a 1-invoice one's work.
    private static int Weight(InboundMessage message) => Math.Max(1, message.Count ?? 1);

    private void AddBacklog(string tvan, int weight)
    {
        _backlog += weight;
        var left = _backlogByTvan.GetValueOrDefault(tvan) + weight;
        if (left <= 0) _backlogByTvan.Remove(tvan);
        else _backlogByTvan[tvan] = left;
    }

    private void ClearBacklog()
    {
        _backlogByTvan.Clear();
        _backlog = 0;
    }
}

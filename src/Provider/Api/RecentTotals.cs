using System.Collections.Concurrent;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Api;

/// <summary>
/// The totals of the sales answered last, by invoice code: a POS looks its sale up right after ringing it up, and the
/// totals (a pure function of the recorded sale, which never changes) need not be parsed and computed again for it.
/// Bounded: the oldest entries are dropped; a miss recomputes from the record.
/// </summary>
internal sealed class RecentTotals(int capacity)
{
    private readonly ConcurrentDictionary<string, SaleTotals> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private int _count; // ConcurrentDictionary.Count takes every lock: counted here instead

    public void Add(string code, SaleTotals totals)
    {
        if (!_totals.TryAdd(code, totals)) return;
        _order.Enqueue(code);
        if (Interlocked.Increment(ref _count) <= capacity) return;
        // One in, one out: each code is queued once, so the oldest queued is still there to drop.
        if (_order.TryDequeue(out var oldest) && _totals.TryRemove(oldest, out _)) Interlocked.Decrement(ref _count);
    }

    public SaleTotals? Find(string code) => _totals.GetValueOrDefault(code);
}

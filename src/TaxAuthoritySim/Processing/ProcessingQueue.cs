using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>
/// Messages waiting for their data check, ordered by due time on the simulated clock within each
/// T-VAN, and taken from the T-VANs in turn: one T-VAN's burst (or its costly messages) does not hold
/// back another's 204s. Workers take a message once it is due (on its sender's clock); setting or advancing a clock wakes them.
/// </summary>
public sealed partial class ProcessingQueue
{
    private static readonly TimeSpan MaxNap = TimeSpan.FromMilliseconds(50);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PriorityQueue<InboundMessage, (DateTimeOffset Due, long Seq)>> _byTvan = new(StringComparer.Ordinal);
    // The T-VANs' queues in turn order; one per T-VAN that has sent (the registry bounds them), kept when empty.
    private readonly List<PriorityQueue<InboundMessage, (DateTimeOffset Due, long Seq)>> _turns = [];
    private int _next;
    private int _count;
    private long _processed;
    // Queued or being processed, with the backlog each adds to its T-VAN's (Backlog.cs).
    private readonly Dictionary<string, (string Tvan, int Weight)> _queued = new(StringComparer.Ordinal);
    private readonly SenderClock _clock;
    private readonly AsyncPulse _pulse = new();

    public ProcessingQueue(SenderClock clock)
    {
        _clock = clock;
        clock.Shared.Changed += _pulse.Pulse;
        clock.Changed += _pulse.Pulse;
    }

    public int Count
    {
        get { lock (_gate) return _count; }
    }

    /// <summary>Messages processed (their data check done) since the simulator started.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Nothing queued and nothing being processed.</summary>
    public bool Idle
    {
        get { lock (_gate) return _queued.Count == 0; }
    }

    /// <summary>Queues a message unless it is already queued or being processed.</summary>
    public void Enqueue(InboundMessage message)
    {
        lock (_gate)
        {
            var tvan = message.TvanCode ?? string.Empty;
            var weight = Weight(message);
            if (!_queued.TryAdd(message.MessageId, (tvan, weight))) return;
            AddBacklog(tvan, weight);
            if (!_byTvan.TryGetValue(tvan, out var queue))
            {
                _byTvan[tvan] = queue = new();
                _turns.Add(queue);
            }
            queue.Enqueue(message, (message.DueAt, message.Seq));
            _count++;
        }
        _pulse.Pulse();
    }

    /// <summary>Forgets everything queued (the store was reset).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _byTvan.Clear();
            _turns.Clear();
            _next = 0;
            _queued.Clear();
            ClearBacklog();
            _count = 0;
        }
    }

    /// <summary>Marks a message done, so a later recovery scan may queue it again if still pending.</summary>
    /// <param name="processed">Whether its processing finished (false: it failed and is queued again later).</param>
    public void Done(string messageId, bool processed = false)
    {
        lock (_gate)
            if (_queued.Remove(messageId, out var entry)) AddBacklog(entry.Tvan, -entry.Weight);
        if (processed) Interlocked.Increment(ref _processed);
    }

    /// <summary>Waits for the next due message.</summary>
    public async Task<InboundMessage> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            TimeSpan wait;
            Task pulse;
            lock (_gate)
            {
                pulse = _pulse.Current;
                if (TryTakeDue(out var due, out wait)) return due;
                if (_count > 0 && wait > MaxNap) wait = MaxNap;
            }
            await AsyncPulse.WaitAsync(pulse, wait, ct);
        }
    }

    /// <summary>The next T-VAN in turn with a due message takes it; else how long until the earliest is due.</summary>
    private bool TryTakeDue(out InboundMessage message, out TimeSpan wait)
    {
        wait = TimeSpan.FromSeconds(1);
        for (var i = 0; i < _turns.Count; i++)
        {
            var index = (_next + i) % _turns.Count;
            var queue = _turns[index];
            if (!queue.TryPeek(out var head, out var key)) continue;
            var until = _clock.RealDelayUntil(head.TvanCode, key.Due);
            if (until == TimeSpan.Zero)
            {
                queue.Dequeue();
                _count--;
                _next = (index + 1) % _turns.Count;
                message = head;
                return true;
            }
            if (until != Timeout.InfiniteTimeSpan && until < wait) wait = until;
        }
        message = null!;
        return false;
    }
}

using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>
/// Messages waiting for their data check, ordered by due time on the simulated clock. Workers take
/// a message once it is due; setting or advancing the clock wakes them.
/// </summary>
public sealed class ProcessingQueue
{
    private static readonly TimeSpan MaxNap = TimeSpan.FromMilliseconds(50);
    private readonly Lock _gate = new();
    private readonly PriorityQueue<InboundMessage, (DateTimeOffset Due, long Seq)> _queue = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly SimulatedClock _clock;
    private readonly AsyncPulse _pulse = new();

    public ProcessingQueue(SimulatedClock clock)
    {
        _clock = clock;
        clock.Changed += _pulse.Pulse;
    }

    public int Count
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <summary>Queues a message unless it is already queued or being processed.</summary>
    public void Enqueue(InboundMessage message)
    {
        lock (_gate)
        {
            if (!_queued.Add(message.MessageId)) return;
            _queue.Enqueue(message, (message.DueAt, message.Seq));
        }
        _pulse.Pulse();
    }

    /// <summary>Forgets everything queued (the store was reset).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _queued.Clear();
        }
    }

    /// <summary>Marks a message done, so a later recovery scan may queue it again if still pending.</summary>
    public void Done(string messageId)
    {
        lock (_gate) _queued.Remove(messageId);
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
                if (_queue.TryPeek(out var head, out var key))
                {
                    wait = _clock.RealDelayUntil(key.Due);
                    if (wait == TimeSpan.Zero)
                    {
                        _queue.Dequeue();
                        return head;
                    }
                    if (wait > MaxNap || wait == Timeout.InfiniteTimeSpan) wait = MaxNap;
                }
                else
                {
                    wait = TimeSpan.FromSeconds(1);
                }
            }
            await AsyncPulse.WaitAsync(pulse, wait, ct);
        }
    }
}

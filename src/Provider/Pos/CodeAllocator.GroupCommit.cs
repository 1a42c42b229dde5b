using System.Collections.Concurrent;
using ConformanceKit.Einvoice.Codes;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// Group commit for the sale path: concurrent sales queue for one writer, which allocates every sale
/// waiting (up to <see cref="MaxBatch"/>) in one <c>BEGIN IMMEDIATE</c> transaction and commits them
/// with one fsync. Each caller's task completes only after that commit returned, so an answered sale
/// is as durable as before; a failed commit fails every sale of the batch and, rolled back, uses no
/// number. A sale id seen earlier in the same batch, or before it, gets its first invoice back.
/// </summary>
public sealed partial class CodeAllocator
{
    /// <summary>The most sales one commit carries; more wait for the next.</summary>
    public const int MaxBatch = 256;

    private const string SaleSavepoint = "sale";
    private readonly ConcurrentQueue<PendingAllocation> _queue = new();
    private int _writing; // 1 while a caller's thread is the writer
    private volatile bool _disposed;
    private long _groupCommits;
    private long _groupSales;

    /// <summary>Commits the writer made, and the sales they carried (for benchmarks: sales per commit).</summary>
    public (long Commits, long Sales) GroupCommitCounts => (Interlocked.Read(ref _groupCommits), Interlocked.Read(ref _groupSales));

    /// <summary>
    /// Like <see cref="Allocate"/>, but queued with the other sales waiting and committed with them: the task
    /// completes once the invoice is durable (or fails, with nothing recorded for it).
    /// </summary>
    /// <remarks>
    /// No writer thread to wake: the caller that finds nobody writing becomes the writer and commits what is
    /// queued; sales arriving while it waits for the fsync are the next batch, written by a thread-pool item.
    /// </remarks>
    /// <exception cref="InvalidOperationException">(in the task) The block belongs to another MST, or its numbers are used up.</exception>
    public Task<AllocatedInvoice> AllocateAsync(AllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CodeBlock.IsValid(request.Block))
            throw new ArgumentException("block must be 5 upper-case letters A–Z or digits 0–9", nameof(request));
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pending = new PendingAllocation(request);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0) Drain(caller: true);
        if (_disposed) FailQueued(); // queued while the allocator closed: nobody will write it
        return pending.Done.Task;
    }

    public void Dispose()
    {
        _disposed = true;
        var spin = new SpinWait();
        while (Interlocked.CompareExchange(ref _writing, 1, 0) != 0) spin.SpinOnce(); // the writer finishes its batches
        for (var batch = NextBatch(); batch.Count > 0; batch = NextBatch()) CommitBatch(batch); // what was queued is written
        CloseReaders();
        lock (_gate)
        {
            _statements.Dispose();
            _connection.Dispose();
        }
        FailQueued();
    }

    /// <summary>
    /// Commits batches until nothing is queued, then stops being the writer. A caller writes one batch (its own
    /// sale's) and hands what queued meanwhile to a thread-pool item, so its own answer is not held up.
    /// </summary>
    private void Drain(bool caller)
    {
        while (true)
        {
            var batch = NextBatch();
            if (batch.Count > 0)
            {
                CommitBatch(batch);
                if (caller && !_queue.IsEmpty)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(caller: false), this, preferLocal: false);
                    return; // the flag stays taken: the pool item is the writer now
                }
                continue;
            }
            Interlocked.Exchange(ref _writing, 0); // a full fence: the look at the queue below comes after the release
            // A sale queued between the empty look and the release found the flag taken: take it back and write it.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0) return;
        }
    }

    private List<PendingAllocation> NextBatch()
    {
        var batch = new List<PendingAllocation>(Math.Clamp(_queue.Count, 1, MaxBatch));
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var pending)) batch.Add(pending);
        return batch;
    }

    private void FailQueued()
    {
        while (_queue.TryDequeue(out var pending)) pending.Done.TrySetException(new ObjectDisposedException(nameof(CodeAllocator)));
    }

    private void CommitBatch(List<PendingAllocation> batch)
    {
        var records = new AllocatedInvoice?[batch.Count];
        var refusals = new string?[batch.Count];
        try
        {
            lock (_gate)
            {
                using var tx = _connection.BeginTransaction(deferred: false);
                for (var i = 0; i < batch.Count; i++)
                {
                    // A refused sale (a block of another MST, used up) takes back only its own bump.
                    tx.Save(SaleSavepoint);
                    records[i] = AllocateIn(batch[i].Request, tx, out refusals[i]);
                    if (refusals[i] is not null) tx.Rollback(SaleSavepoint);
                    tx.Release(SaleSavepoint);
                }
                tx.Commit();
            }
        }
#pragma warning disable CA1031 // whatever failed, the whole batch is rolled back and every caller hears of it
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var pending in batch) pending.Done.TrySetException(e);
            return;
        }
        Interlocked.Increment(ref _groupCommits);
        Interlocked.Add(ref _groupSales, batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (refusals[i] is { } refusal) batch[i].Done.TrySetException(new InvalidOperationException(refusal));
            else batch[i].Done.TrySetResult(records[i]!);
        }
    }

    private sealed class PendingAllocation(AllocationRequest request)
    {
        public AllocationRequest Request { get; } = request;

        // Asynchronous continuations: the callers' work (building the invoice, answering) runs off the writer thread.
        public TaskCompletionSource<AllocatedInvoice> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

using System.Collections.Concurrent;

namespace ConformanceKit.TaxAuthoritySim.Intake;

/// <summary>
/// How many message bodies are being received at once, in all and per T-VAN. A T-VAN that opens
/// more uploads than its share is told to wait (429) while the others go on; the total bounds the
/// memory that slow uploads can hold.
/// </summary>
public sealed class IntakeGate(int total = IntakeGate.DefaultTotal, int perTvan = IntakeGate.DefaultPerTvan)
{
    public const int DefaultTotal = 256;
    public const int DefaultPerTvan = 128;

    private readonly ConcurrentDictionary<string, int> _byTvan = new(StringComparer.Ordinal);
    private int _total;

    public int Total => total;

    public int PerTvan => perTvan;

    /// <summary>A slot for one body, or null with the reason (the T-VAN's share, or the server's) when none is free.</summary>
    public Slot? TryEnter(string tvan, out bool serverFull)
    {
        serverFull = false;
        if (Interlocked.Increment(ref _total) > total)
        {
            Interlocked.Decrement(ref _total);
            serverFull = true;
            return null;
        }
        var mine = _byTvan.AddOrUpdate(tvan, 1, (_, n) => n + 1);
        if (mine > perTvan)
        {
            Leave(tvan);
            return null;
        }
        return new Slot(this, tvan);
    }

    private void Leave(string tvan)
    {
        Interlocked.Decrement(ref _total);
        // Entries at zero are removed so that the table does not grow with every T-VAN code ever seen.
        var left = _byTvan.AddOrUpdate(tvan, 0, (_, n) => n - 1);
        if (left <= 0) _byTvan.TryRemove(new KeyValuePair<string, int>(tvan, left));
    }

    public sealed class Slot(IntakeGate gate, string tvan) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) gate.Leave(tvan);
        }
    }
}

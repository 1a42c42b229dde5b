using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// Connections for look-ups beside the writer's: in WAL a reader sees the last commit and does not wait for the writer,
/// so a look-up (or the answer to a sale just committed) is not held behind the next batch's fsync. They are lent one
/// per caller from a pool (as many as ever read at once), so the API's concurrent answers do not queue for one
/// connection's lock either. A <c>:memory:</c> store has no WAL (a second connection would take table locks): there the
/// lease is <see cref="Connection"/> itself, under <see cref="Gate"/>.
/// </summary>
public sealed partial class CodeAllocator
{
    private readonly Lock _readerGate = new();
    private readonly Stack<ReaderSlot> _idleReaders = new();
    private readonly List<ReaderSlot> _readers = [];
    private bool _readersClosed;

    /// <summary>A reader connection and its prepared statements for the caller alone until the lease is disposed.</summary>
    internal ReaderLease RentReader()
    {
        if (InMemory)
        {
            _gate.Enter();
            return new ReaderLease(this, null, _connection, _statements);
        }
        ReaderSlot? slot;
        lock (_readerGate)
        {
            ObjectDisposedException.ThrowIf(_readersClosed, this);
            if (!_idleReaders.TryPop(out slot))
            {
                slot = OpenReader();
                _readers.Add(slot);
            }
        }
        return new ReaderLease(this, slot, slot.Connection, slot.Statements);
    }

    private void Return(ReaderSlot? slot)
    {
        if (slot is null)
        {
            _gate.Exit();
            return;
        }
        lock (_readerGate)
        {
            if (_readersClosed) slot.Dispose(); // the allocator closed while it was lent
            else _idleReaders.Push(slot);
        }
    }

    private ReaderSlot OpenReader()
    {
        var reader = new SqliteConnection(_connection.ConnectionString);
        try
        {
            reader.Open();
            using var cmd = reader.CreateCommand();
            cmd.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA query_only = 1;";
            cmd.ExecuteNonQuery();
        }
        catch
        {
            reader.Dispose();
            throw;
        }
        return new ReaderSlot(reader, new StatementCache(reader, BusyTimeoutMs / 1000));
    }

    private void CloseReaders()
    {
        lock (_readerGate)
        {
            _readersClosed = true;
            while (_idleReaders.TryPop(out var slot)) slot.Dispose();
            _readers.Clear(); // the lent ones are disposed when they come back
        }
    }

    internal sealed record ReaderSlot(SqliteConnection Connection, StatementCache Statements) : IDisposable
    {
        public void Dispose()
        {
            Statements.Dispose();
            Connection.Dispose();
        }
    }

    /// <summary>One caller's reader: <see cref="Connection"/> and its <see cref="Statements"/>; dispose to give it back.</summary>
    internal readonly struct ReaderLease : IDisposable
    {
        private readonly CodeAllocator _owner;
        private readonly ReaderSlot? _slot;

        internal ReaderLease(CodeAllocator owner, ReaderSlot? slot, SqliteConnection connection, StatementCache statements)
        {
            (_owner, _slot, Connection, Statements) = (owner, slot, connection, statements);
        }

        public SqliteConnection Connection { get; }

        public StatementCache Statements { get; }

        public void Dispose() => _owner.Return(_slot);
    }
}

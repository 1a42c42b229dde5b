namespace ConformanceKit.TaxAuthoritySim.Tests.Support;

public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh simulator per test on the given store — SQLite in a temp folder, or its own PostgreSQL
/// database (dropped afterwards) — so one set of scenarios runs on both.
/// </summary>
public abstract class SimulatorOnStore(StoreKind kind) : IAsyncLifetime
{
    private TestDatabase? _database;

    protected SimulatorFactory Sim { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (kind == StoreKind.Postgres)
        {
            _database = await PostgresServer.CreateDatabaseAsync();
            Sim = SimulatorFactory.With(_database.ConnectionString);
        }
        else
        {
            Sim = new SimulatorFactory();
        }
    }

    public async Task DisposeAsync()
    {
        Sim.Dispose();
        if (_database is not null) await _database.DisposeAsync();
    }
}

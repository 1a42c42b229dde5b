using ConformanceKit.TaxAuthoritySim.Store;
using ConformanceKit.TaxAuthoritySim.Store.Postgres;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using Npgsql;

namespace ConformanceKit.TaxAuthoritySim.Tests.Store;

/// <summary>
/// The store contract on PostgreSQL: each test has its own database (ck_&lt;guid&gt;) on the server of
/// <see cref="PostgresServer"/> (CK_TEST_POSTGRES, or a throwaway cluster). Without a server these tests fail
/// and say how to provide one.
/// </summary>
public sealed class PostgresStoreTests : StoreContractTests
{
    private TestDatabase? _database;

    protected override string ExpectedKind => "postgres";

    protected override async Task<ISimulatorStore> CreateStoreAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        // A password in the connection string must never show in Description (trust authentication ignores it).
        return new PostgresStore(_database.ConnectionString + ";Password=s3cr3t-pw");
    }

    protected override ISimulatorStore OpenAgain() => new PostgresStore(_database!.ConnectionString);

    protected override async Task<long> ScalarAsync(string sql)
    {
        await using var c = new NpgsqlConnection(_database!.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task DeleteBackingAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }

    [Fact]
    public void Description_names_host_and_database_but_not_the_password()
    {
        Assert.Contains(_database!.Name, Store.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", Store.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepts_a_postgres_url()
    {
        var b = new NpgsqlConnectionStringBuilder(_database!.ConnectionString);
        await using var store = new PostgresStore($"postgresql://{b.Username}:p%40ss@{b.Host}:{b.Port}/{b.Database}");
        await store.InitializeAsync();
        await Store.SetSettingAsync("k", "v");
        Assert.Equal("v", await store.GetSettingAsync("k"));
        Assert.DoesNotContain("p@ss", store.Description, StringComparison.Ordinal);
    }
}

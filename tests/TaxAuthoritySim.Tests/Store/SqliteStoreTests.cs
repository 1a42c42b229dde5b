using ConformanceKit.TaxAuthoritySim.Store;
using ConformanceKit.TaxAuthoritySim.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.TaxAuthoritySim.Tests.Store;

/// <summary>The store contract on SQLite: each test has its own database file in its own temp directory.</summary>
public sealed class SqliteStoreTests : StoreContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ck-store-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "nested", "simulator.db");

    protected override string ExpectedKind => "sqlite";

    protected override Task<ISimulatorStore> CreateStoreAsync() => Task.FromResult<ISimulatorStore>(new SqliteStore(DatabasePath));

    protected override ISimulatorStore OpenAgain() => new SqliteStore(DatabasePath);

    protected override Task<long> ScalarAsync(string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Task.FromResult(Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override Task DeleteBackingAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public void Constructor_creates_the_directory_and_describes_the_file()
    {
        Assert.True(Directory.Exists(Path.GetDirectoryName(DatabasePath)));
        Assert.Contains(DatabasePath, Store.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_is_in_wal_mode()
    {
        Assert.True(File.Exists(DatabasePath));
        using var c = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar() as string);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Full_sync_option_opens_the_same_file()
    {
        await Store.SetSettingAsync("k", "v");
        await Store.DisposeAsync();
        await using var full = new SqliteStore(DatabasePath, fullSync: true);
        await full.InitializeAsync();
        Assert.Contains("synchronous=FULL", full.Description, StringComparison.Ordinal);
        Assert.Equal("v", await full.GetSettingAsync("k"));
    }
}

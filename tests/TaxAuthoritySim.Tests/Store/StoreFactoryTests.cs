using ConformanceKit.TaxAuthoritySim.Store;
using ConformanceKit.TaxAuthoritySim.Store.Postgres;
using ConformanceKit.TaxAuthoritySim.Store.Sqlite;
using Npgsql;

namespace ConformanceKit.TaxAuthoritySim.Tests.Store;

public sealed class StoreFactoryTests : IDisposable
{
    private readonly string Data = Path.Combine(Path.GetTempPath(), "ck-factory-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Data))
            Directory.Delete(Data, recursive: true);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("sqlite")]
    [InlineData("SQLite")]
    [InlineData("sqlite:")]
    public async Task Default_is_sqlite_in_the_data_directory(string? spec)
    {
        await using var store = StoreFactory.Create(spec, Data);
        var sqlite = Assert.IsType<SqliteStore>(store);
        Assert.Equal(Path.GetFullPath(Path.Combine(Data, "simulator.db")), sqlite.DatabasePath);
        Assert.Equal("sqlite", store.Kind);
    }

    [Fact]
    public async Task Sqlite_path_forms()
    {
        var path = Path.Combine(Data, "other", "x.db");
        await using (var a = StoreFactory.Create("sqlite:" + path, Data))
            Assert.Equal(path, Assert.IsType<SqliteStore>(a).DatabasePath);
        await using (var b = StoreFactory.Create($"Data Source={path};Cache=Private", Data))
            Assert.Equal(path, Assert.IsType<SqliteStore>(b).DatabasePath);
        await using (var c = StoreFactory.Create("sqlite:" + path, Data, sqliteFullSync: true))
            Assert.Contains("synchronous=FULL", c.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://ck:pw@127.0.0.1:5999/sim")]
    [InlineData("postgresql://ck:pw@127.0.0.1:5999/sim")]
    [InlineData("Host=127.0.0.1;Port=5999;Username=ck;Password=pw;Database=sim")]
    [InlineData("host=127.0.0.1;port=5999;username=ck;password=pw;database=sim")]
    public async Task Postgres_forms(string spec)
    {
        await using var store = StoreFactory.Create(spec, Data); // no connection until InitializeAsync
        Assert.IsType<PostgresStore>(store);
        Assert.Equal("postgres", store.Kind);
        Assert.Contains("127.0.0.1:5999/sim", store.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", store.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://root@localhost/db")]
    [InlineData("redis")]
    [InlineData("Server=x;Database=y")]
    public void Anything_else_is_refused_with_the_accepted_forms(string spec)
    {
        var e = Assert.Throws<ArgumentException>(() => StoreFactory.Create(spec, Data));
        Assert.Contains("postgres://", e.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:PATH", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_url_becomes_a_connection_string()
    {
        var cs = PostgresConnectionString.Normalize("postgres://us%40er:p%3Ass%2Fw@db.example.test:6432/sim%20db?sslmode=require&application_name=ck");
        var b = new NpgsqlConnectionStringBuilder(cs);
        Assert.Equal("db.example.test", b.Host);
        Assert.Equal(6432, b.Port);
        Assert.Equal("us@er", b.Username);
        Assert.Equal("p:ss/w", b.Password);
        Assert.Equal("sim db", b.Database);
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal("ck", b.ApplicationName);

        var minimal = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("postgresql://localhost/sim"));
        Assert.Equal("localhost", minimal.Host);
        Assert.Equal(5432, minimal.Port);
        Assert.Equal("sim", minimal.Database);
        Assert.Null(minimal.Password);

        Assert.Equal("Host=h;Database=d", PostgresConnectionString.Normalize("Host=h;Database=d"));
        Assert.Throws<ArgumentException>(() => PostgresConnectionString.Normalize("postgres://h/d?bogus_option=1"));
    }

    [Fact]
    public void Both_dialects_have_embedded_migrations()
    {
        var names = typeof(SqliteStore).Assembly.GetManifestResourceNames();
        Assert.Contains(names, n => n.StartsWith("ConformanceKit.TaxAuthoritySim.Migrations.", StringComparison.Ordinal)
                                    && n.Contains("sqlite", StringComparison.Ordinal) && n.EndsWith("001_initial.sql", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("ConformanceKit.TaxAuthoritySim.Migrations.", StringComparison.Ordinal)
                                    && n.Contains("postgres", StringComparison.Ordinal) && n.EndsWith("001_initial.sql", StringComparison.Ordinal));
    }
}

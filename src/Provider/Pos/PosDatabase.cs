using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// Opens the register's SQLite store: a file path, or <c>:memory:NAME</c> for a shared in-memory
/// database (every connection in the process with that name sees it; gone when the last closes).
/// </summary>
public static class PosDatabase
{
    public const string MemoryPrefix = ":memory:";

    public static bool IsInMemory(string path) => path.StartsWith(MemoryPrefix, StringComparison.Ordinal);

    public static string ConnectionString(string path) => IsInMemory(path)
        ? new SqliteConnectionStringBuilder
        {
            DataSource = "ck-" + path[MemoryPrefix.Length..], Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared,
            Pooling = false, DefaultTimeout = 30,
        }.ToString()
        : new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30,
        }.ToString();
}

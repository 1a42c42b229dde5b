using Microsoft.Data.Sqlite;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// Prepared statements kept for one connection, by SQL text: a hot statement (the sale's allocation, a look-up) is
/// parsed and planned once instead of on every call — preparing was half of SQLite's share of a sale's CPU. Used only
/// under the connection's lock, like the connection itself. A cached command is never disposed by its user; its
/// parameters are set by name with <see cref="Set"/> and stay bound until set again.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection, int timeoutSeconds) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The prepared command for <paramref name="sql"/>, in <paramref name="tx"/> (null: none).</summary>
    public SqliteCommand Get(string sql, SqliteTransaction? tx = null)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.CommandTimeout = timeoutSeconds;
            _commands[sql] = cmd;
        }
        cmd.Transaction = tx;
        return cmd;
    }

    /// <summary>Binds <paramref name="value"/> (null as SQL NULL) to the parameter <paramref name="name"/>.</summary>
    public static void Set(SqliteCommand cmd, string name, object? value)
    {
        var index = cmd.Parameters.IndexOf(name);
        if (index < 0) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        else cmd.Parameters[index].Value = value ?? DBNull.Value;
    }

    public void Dispose()
    {
        foreach (var cmd in _commands.Values) cmd.Dispose();
        _commands.Clear();
    }
}

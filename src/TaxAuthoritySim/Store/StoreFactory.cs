using System.Reflection;
using ConformanceKit.TaxAuthoritySim.Store.Postgres;
using ConformanceKit.TaxAuthoritySim.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.TaxAuthoritySim.Store;

/// <summary>Chooses the store from the <c>--store</c> option.</summary>
public static class StoreFactory
{
    public const string AcceptedForms =
        "accepted --store values: (empty) or \"sqlite\" = SQLite at <data>/simulator.db; " +
        "\"sqlite:PATH\" or a SQLite connection string with \"Data Source=PATH\"; " +
        "\"postgres://user:pass@host:port/db\", \"postgresql://…\" or a Npgsql connection string (\"Host=…;Database=…\")";

    /// <summary>
    /// null/empty or "sqlite" → <see cref="SqliteStore"/> at <c>dataDirectory/simulator.db</c>; "sqlite:PATH" or a
    /// string with "Data Source=" → SQLite at that path; "postgres://", "postgresql://" or a string with "Host=" →
    /// <see cref="PostgresStore"/>. Anything else → <see cref="ArgumentException"/>.
    /// <paramref name="sqliteFullSync"/> selects synchronous=FULL (durable against power loss) for SQLite.
    /// </summary>
    public static ISimulatorStore Create(string? spec, string dataDirectory, bool sqliteFullSync = false)
    {
        var s = spec?.Trim();
        if (string.IsNullOrEmpty(s) || s.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            return new SqliteStore(Path.Combine(dataDirectory, "simulator.db"), sqliteFullSync);

        if (s.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = s["sqlite:".Length..].Trim();
            if (path.Length == 0)
                path = Path.Combine(dataDirectory, "simulator.db");
            return new SqliteStore(path, sqliteFullSync);
        }

        if (s.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            string path;
            try
            {
                path = new SqliteConnectionStringBuilder(s).DataSource;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ArgumentException($"--store: not a valid SQLite connection string ({e.Message}); {AcceptedForms}",
                    nameof(spec), e);
            }

            if (string.IsNullOrWhiteSpace(path))
                throw new ArgumentException($"--store: empty Data Source; {AcceptedForms}", nameof(spec));
            return new SqliteStore(path, sqliteFullSync);
        }

        if (s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || s.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return new PostgresStore(s);

        throw new ArgumentException($"--store: unrecognised store \"{Redact(s)}\"; {AcceptedForms}", nameof(spec));
    }

    // Unrecognised text may still carry a password: show only its beginning.
    private static string Redact(string s) => s.Length <= 12 ? s : s[..12] + "…";
}

/// <summary>The embedded migration files of one dialect, in order.</summary>
internal static class EmbeddedMigrations
{
    private const string Prefix = "ConformanceKit.TaxAuthoritySim.Migrations.";

    /// <summary>(version, sql) pairs for "sqlite" or "postgres", sorted by version (the file name without .sql).</summary>
    public static IReadOnlyList<(string Version, string Sql)> For(string dialect)
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var list = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            // The logical name carries %(RecursiveDir): "sqlite/001_initial.sql" (or "sqlite\…" when built on Windows).
            var rest = name[Prefix.Length..].Replace('\\', '/');
            var slash = rest.IndexOf('/');
            if (slash < 0 || !rest[..slash].Equals(dialect, StringComparison.Ordinal))
                continue;
            var version = rest[(slash + 1)..^".sql".Length];
            list.Add((version, Read(assembly, name)));
        }

        if (list.Count == 0)
            throw new InvalidOperationException($"no embedded migrations for {dialect} (resources: {string.Join(", ", assembly.GetManifestResourceNames())})");
        list.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return list;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

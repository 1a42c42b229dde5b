using System.Diagnostics;
using Npgsql;

namespace ConformanceKit.TaxAuthoritySim.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use, shared by the whole test run.
/// <para>
/// <c>CK_TEST_POSTGRES</c> = a Npgsql connection string to a server where that user may CREATE DATABASE (CI sets it,
/// see .ci/run). When unset, the first caller starts a throwaway cluster with tools/pg-throwaway.sh (PostgreSQL 15
/// binaries under /usr/lib/postgresql/15/bin, or PG_BIN), stopped when the test process exits. When neither works
/// the PostgreSQL tests FAIL with instructions: they are never skipped silently.
/// </para>
/// Each test takes its own database: <c>await using var db = await PostgresServer.CreateDatabaseAsync();</c>
/// then <c>db.ConnectionString</c>; disposing drops it.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "CK_TEST_POSTGRES";

    private const string HowTo =
        "PostgreSQL tests need a server. Either set CK_TEST_POSTGRES to a Npgsql connection string of a server where the user " +
        "may CREATE DATABASE (e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=…\"), or install PostgreSQL 15 " +
        "(apt-get install postgresql-15; binaries in /usr/lib/postgresql/15/bin, or point PG_BIN at them) so that " +
        "tools/pg-throwaway.sh can start a throwaway cluster (try: tools/pg-throwaway.sh start).";

    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _throwawayDirectory;
    private static string? _script;

    /// <summary>Connection string of the server's maintenance database (postgres), for CREATE/DROP DATABASE.</summary>
    public static Task<string> AdminConnectionStringAsync() => Server.Value;

    /// <summary>Creates an empty database ck_&lt;guid&gt;; dispose the result to drop it.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(CancellationToken ct = default)
    {
        var admin = await Server.Value.ConfigureAwait(false);
        var name = "ck_" + Guid.NewGuid().ToString("N");
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync(ct).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
                    await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    break;
                }
                catch (PostgresException e) when (attempt < 5 && e.SqlState == PostgresErrorCodes.ObjectInUse)
                {
                    // "source database template1 is being accessed by other users": another CREATE DATABASE ran at once.
                    await Task.Delay(100 * attempt, ct).ConfigureAwait(false);
                }
            }
        }

        var b = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(b.ConnectionString, name, admin);
    }

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await CheckAsync(configured, $"{EnvironmentVariable} is set but its server does not answer").ConfigureAwait(false);
            return configured;
        }

        var script = FindScript() ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set and tools/pg-throwaway.sh was not found above {AppContext.BaseDirectory}. {HowTo}");

        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("start");
        psi.ArgumentList.Add("--watch-pid");
        psi.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        string stdout, stderr;
        int exitCode;
        try
        {
            using var process = Process.Start(psi)!;
            var outTask = process.StandardOutput.ReadToEndAsync();
            var errTask = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            stdout = await outTask.ConfigureAwait(false);
            stderr = await errTask.ConfigureAwait(false);
            exitCode = process.ExitCode;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            throw new InvalidOperationException($"{EnvironmentVariable} is not set and {script} could not run ({e.Message}). {HowTo}", e);
        }

        if (exitCode != 0)
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set and {script} failed (exit {exitCode}):\n{stderr.Trim()}\n{HowTo}");

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _throwawayDirectory = lines.FirstOrDefault(l => l.StartsWith("PG_THROWAWAY_DIR=", StringComparison.Ordinal))?["PG_THROWAWAY_DIR=".Length..];
        _script = script;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        var connectionString = lines.Length > 0 ? lines[^1] : "";
        await CheckAsync(connectionString, $"{script} started a cluster but it does not answer").ConfigureAwait(false);
        return connectionString;
    }

    private static async Task CheckAsync(string connectionString, string what)
    {
        try
        {
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{what} ({e.Message}). {HowTo}", e);
        }
    }

    private static void Stop()
    {
        if (_throwawayDirectory is null || _script is null)
            return;
        try
        {
            var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(_script);
            psi.ArgumentList.Add("stop");
            psi.ArgumentList.Add(_throwawayDirectory);
            using var p = Process.Start(psi);
            p?.WaitForExit(30_000);
        }
        catch
        {
            // Best effort: the --watch-pid watcher stops the cluster anyway once this process is gone.
        }
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "pg-throwaway.sh");
            if (File.Exists(candidate))
                return candidate;
        }

        // Built with --artifacts-path outside the repository: try the working directory's ancestors too.
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "pg-throwaway.sh");
            if (File.Exists(candidate))
                return candidate;
        }

        // Last resort: where this source file was compiled from (tests/TaxAuthoritySim.Tests/Support/ in the repository).
        var source = SourceFile();
        if (Path.IsPathRooted(source))
        {
            var candidate = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "tools", "pg-throwaway.sh"));
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}

/// <summary>A database created for one test; disposing drops it (terminating leftover connections).</summary>
public sealed class TestDatabase(string connectionString, string name, string adminConnectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public string Name { get; } = name;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using (var pooled = new NpgsqlConnection(ConnectionString))
                NpgsqlConnection.ClearPool(pooled);
            await using var c = new NpgsqlConnection(adminConnectionString);
            await c.OpenAsync().ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The server is throwaway (or the developer's): a leftover database is harmless.
        }
    }
}

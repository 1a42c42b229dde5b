namespace ConformanceKit.LoadTesting.Targets;

/// <summary>
/// A throwaway PostgreSQL 15 cluster in a temporary folder on a loopback port (fsync on, trust
/// auth), started with the machine's binaries; initdb refuses root, so as root everything runs as
/// the postgres user (<c>runuser -u postgres --</c>). Stopped and deleted on dispose.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Database = "ckload";
    private readonly string bin;
    private readonly bool asPostgresUser;

    private PostgresCluster(string bin, string directory, int port, bool asPostgresUser) =>
        (this.bin, Directory, Port, this.asPostgresUser) = (bin, directory, port, asPostgresUser);

    public string Directory { get; }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={Database}";

    public string LogPath => Path.Combine(Directory, "postgres.log");

    /// <summary>CPU of the postmaster and its backends so far (0 when unknown).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            try
            {
                var pid = int.Parse(File.ReadLines(Path.Combine(Directory, "pgdata", "postmaster.pid")).First(),
                    System.Globalization.CultureInfo.InvariantCulture);
                return ProcessTreeCpu.Read(pid);
            }
            catch (Exception ex) when (ex is IOException or FormatException or InvalidOperationException or UnauthorizedAccessException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    public static async Task<PostgresCluster> StartAsync(string bin, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(bin, "initdb")))
            throw new FileNotFoundException($"no initdb under {bin}: pass --target simulator=postgres:CONNECTION or --pg-bin DIR");
        var root = System.IO.Directory.CreateTempSubdirectory("ck-load-pg-").FullName;
        var asPostgres = Environment.UserName == "root";
        if (asPostgres) await MustAsync("chown", ["-R", "postgres:postgres", root], cancellationToken).ConfigureAwait(false);
        var cluster = new PostgresCluster(bin, root, FreePort.Next(), asPostgres);
        var pgdata = Path.Combine(root, "pgdata");
        try
        {
                        await cluster.PgAsync("initdb", ["-D", pgdata, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], cancellationToken).ConfigureAwait(false);
            await cluster.PgAsync("pg_ctl", ["-D", pgdata, "-l", cluster.LogPath, "-w", "-t", "60", "-o",
                $"-p {cluster.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200", "start"],
                cancellationToken).ConfigureAwait(false);
            await cluster.PgAsync("createdb", ["-h", "127.0.0.1", "-p", cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", "postgres", Database], cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", Path.Combine(Directory, "pgdata"), "-m", "fast", "-w", "stop"], CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // not started, or already stopped
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Task PgAsync(string tool, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var path = Path.Combine(bin, tool);
        return asPostgresUser
            ? MustAsync("runuser", new[] { "-u", "postgres", "--", path }.Concat(args), cancellationToken)
            : MustAsync(path, args, cancellationToken);
    }

    private static async Task MustAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var list = args.ToList();
        var (exit, output) = await ChildProcess.RunAsync(file, list, cancellationToken).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', list)} failed (exit {exit}):\n{ChildProcess.Tail(output, 20)}");
    }
}

namespace ConformanceKit.Load.PipelineLoad;

/// <summary>--help.</summary>
public static class HelpText
{
    public const string Text = """
        ck-pipeload: end-to-end benchmark of the reference POS pipeline (issue 5).

        Usage: dotnet run -c Release --project load/PipelineLoad -- [options]

        Starts the simulator and a provider in this process, POSTs N sales to the provider's
        /api/v1/sales from C concurrent clients, and waits until the simulator has accepted every
        invoice (204 LTBao 2 read back by the provider). Done once per variant in one run, each time on a
        fresh simulator, and printed with the ratios crash-safe / other:
          crash-safe   the provider's store as a SQLite file (WAL, synchronous=FULL)
          in-memory    :memory:NAME, a shared-cache in-memory SQLite (the baseline of the issue)
          tmpfs        the crash-safe file on /dev/shm, where fsync is free: the same SQL and locking
                       without the disk (default when /dev/shm exists)
        A throwaway warm-up pipeline (crash-safe) runs first.

        Load:
          --invoices N, -n N         sales per variant (default 5000)
          --batch-size B             provider: invoices per package (default 50)
          --concurrency C            concurrent POS clients (default 8)
          --warmup N                 sales through the throwaway warm-up pipeline (default 200; 0 = none)

        Provider:
          --batch-interval MS        periodic sync: longest wait for a package (default 200)
          --poll-interval MS         inbox poll period (default 100)

        Run:
          --only V[,V]               crash-safe, in-memory and/or tmpfs, run in that order (default all three)
          --timeout S                longest wait after the last POST for the last acceptance (default 90)
          --watch-interval MS        how often the store is counted for the acceptance (default 20)
          --fsync-probes N           write+fsync probes of the store's disk, for the explanation (default 200; 0 = skip)
          --folder DIR               where stores go (default a temporary folder, deleted afterwards)
          --keep-data                keep the folder
          --json PATH                also write the figures as JSON to PATH; "-" prints only the JSON on stdout
          -h, --help                 this text

        Exit codes: 0 done, 1 a variant failed (errors, timeout), 2 bad options, 130 interrupted.
        """;
}

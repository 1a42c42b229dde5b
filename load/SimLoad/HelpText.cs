namespace ConformanceKit.Load.SimLoad;

/// <summary>--help.</summary>
public static class HelpText
{
    public const string Text = """
        ck-simload: open-model load benchmark of the tax-authority simulator (issue 3, "Measure and report").

        Usage: dotnet run -c Release --project load/SimLoad -- [options]

        Pre-generates signed 206 packages (50 invoices each), then POSTs them to /api/v1/messages at a
        constant arrival rate, measuring 999 latency from the *scheduled* send time (coordinated-omission
        safe) and receipt → 204 latency by polling the inbox feed. With no target option it runs the full
        comparison: ceiling, simulator on SQLite, simulator on PostgreSQL, one table.

        Targets (any combination; none = --ceiling --start-sim sqlite,postgres):
          --ceiling                  bare Kestrel endpoint inside the runner: reads the body, answers a fixed 999
          --start-sim KIND[,KIND]    start the simulator as a child process on sqlite and/or postgres
          --target URL               an already running simulator, e.g. http://127.0.0.1:5080
          --self-test                an in-runner fake simulator (999 at once, 204 after --fake-delay-ms in an
                                     inbox feed) to exercise the runner itself

        Load:
          --rate N                   packages per second offered (default 100 = 5,000 invoices/s)
          --duration S               measured seconds (default 20)
          --warmup S                 warm-up seconds at the same rate, not measured (default 3)
          --invoices N               invoices per package (default 50)
          --max-connections N        HTTP/1.1 connections to the target (default 64)
          --timeout S                per-request timeout (default 30)
          --poll-interval MS         inbox poll period (default 15)
          --drain S                  after the load, wait up to S seconds for outstanding 204s (default 30)

        Data:
          --issue-date yyyy-MM-dd    NLap of the invoices (default: today in Vietnam, UTC+7); the code year follows it
          --no-reset                 do not POST /admin/v1/reset before each simulator run (serials are still
                                     unique across runs: they are offset from the clock)
          --api-key KEY              T-VAN key, header X-Api-Key (default demo-tvan-key)
          --admin-key KEY            control-plane key, header X-Admin-Key (default demo-admin-key)
          --generate-threads N       threads signing packages before the run (default: all cores)

        Simulator process (--start-sim):
          --sim-dll PATH             use this TaxAuthoritySim.dll instead of building src/TaxAuthoritySim
          --no-build                 do not build; use artifacts/bin/TaxAuthoritySim/release/TaxAuthoritySim.dll
          --sim-artifacts DIR        build the simulator with --artifacts-path DIR (and look for the dll there)
          --pg CONNECTION            Npgsql connection string for postgres; default: a throwaway cluster
          --pg-bin DIR               PostgreSQL binaries for the throwaway cluster (default /usr/lib/postgresql/15/bin)
          --keep-data                keep the simulator's data folder after the run (the log is always kept)

        Report:
          --json FILE                also write the figures as JSON
          --fail-on-threshold        exit 1 when a threshold fails (default: report only, exit 0)
          --timeline                 also print a second-by-second view per target (999s, 204s, backlog, worst latency)
          --target-invoices N        sustained invoices/s threshold, judged on sqlite/--target/--self-test (default 5000)
          --target-p99-receipt-ms N  p99 receipt → 204 threshold in ms, judged on every simulator (default 1000)

        Self-test fake (--self-test):
          --fake-delay-ms MS         delay before the fake publishes a 204 (default 50)
          --fake-fail-every N        every Nth 204 has LTBao 7 with an error list (default 0 = never)
          --fake-drop-every N        every Nth 204 is never published (default 0 = never)

          -h, --help                 this text

        Exit codes: 0 done (thresholds reported), 1 a threshold failed with --fail-on-threshold,
        2 bad arguments, 3 the run could not be carried out (server did not start, …), 130 interrupted.
        """;
}

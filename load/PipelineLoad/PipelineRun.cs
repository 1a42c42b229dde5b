using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Load.SimLoad;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;
using ConformanceKit.Provider.Signing;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.Load.PipelineLoad;

/// <summary>
/// One pipeline: a fresh in-process simulator (codes are unique across a simulator, and every provider
/// numbers block A1B2C from 1), a provider sending to it, N sales POSTed from C clients, and the wait
/// until every invoice is accepted.
/// </summary>
public sealed class PipelineRun(RunOptions options, string root)
{
    private static readonly RegisterConfig Register =
        new("quay-1", DemoData.TaxCode, DemoData.SellerName, DemoData.SellerAddress, DemoData.CodeBlock);

    public async Task<VariantResult> RunAsync(string label, Variant variant, int invoices, CancellationToken ct)
    {
        var folder = Path.Combine(root, label);
        Directory.CreateDirectory(folder);
        var tmpfs = variant == Variant.Tmpfs ? Directory.CreateDirectory(Path.Combine(VariantNames.TmpfsRoot, "ck-pipeload-" + Guid.NewGuid().ToString("N"))).FullName : null;
        try
        {
            var database = variant switch
            {
                Variant.CrashSafe => Path.Combine(folder, "provider.db"),
                Variant.InMemory => PosDatabase.MemoryPrefix + "bench-" + Guid.NewGuid().ToString("N"),
                _ => Path.Combine(tmpfs!, "provider.db"),
            };
            return await RunAsync(label, variant, database, folder, invoices, ct);
        }
        finally
        {
            if (tmpfs is not null && !options.KeepData)
                try { Directory.Delete(tmpfs, recursive: true); }
                catch (IOException) { /* best effort */ }
        }
    }

    private async Task<VariantResult> RunAsync(string label, Variant variant, string database, string folder, int invoices, CancellationToken ct)
    {
        await using var simulator = await InProcessSimulator.StartAsync(Path.Combine(folder, "sim"), ct);
        using var signer = new PfxPackageSigner(SamplePackageBuilder.CreateCertificate());
        var providerOptions = new ProviderOptions
        {
            Database = database, Register = Register, Target = simulator.Address, Sync = SyncMode.Periodic,
            BatchSize = options.BatchSize, BatchInterval = TimeSpan.FromMilliseconds(options.BatchIntervalMs),
            PollInterval = TimeSpan.FromMilliseconds(options.PollIntervalMs),
        };
        await using var provider = await ProviderHost.StartAsync(providerOptions, signer, "http://127.0.0.1:0", ct: ct);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false, AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { BaseAddress = provider.Address, Timeout = TimeSpan.FromSeconds(60) };
        var store = provider.Engine.Store;

        var latencies = new long[invoices];
        Array.Fill(latencies, -1);
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var machineStart = MachineCpu.Busy();
        var cpuStart = ProcessCpu();
        var t0 = MonoClock.Now;

        async Task ClientAsync()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= invoices || ct.IsCancellationRequested) return;
                using var content = new ByteArrayContent(SaleBody($"b-{i}"));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                var start = MonoClock.Now;
                try
                {
                    using var response = await http.PostAsync("api/v1/sales", content, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    latencies[i] = MonoClock.MicrosBetween(start, MonoClock.Now);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode}: {Shorten(body)}", null);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(ClientAsync, ct)));
        var issuedAt = MonoClock.Now;
        // Nothing counts the store while the clients run (a count is one more reader on the provider's
        // store lock); the last invoice cannot be accepted before the last sale is issued.
        var acceptedAtIssueEnd = store.Counts().Invoices.GetValueOrDefault(InvoiceState.Accepted);
        Console.Error.WriteLine($"[{label}] {invoices - errors:N0} sales issued in {MonoClock.SecondsBetween(t0, issuedAt):N2} s " +
                                $"({acceptedAtIssueEnd:N0} accepted by then); waiting for the rest…");
        // Then count it (as GET /api/v1/status does) every --watch-interval ms until every invoice is accepted.
        long? done = null;
        var deadline = issuedAt + (long)(options.TimeoutSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (true)
        {
            if (store.Counts().Invoices.GetValueOrDefault(InvoiceState.Accepted) >= invoices)
            {
                done = MonoClock.Now;
                break;
            }
            if (MonoClock.Now > deadline) break;
            await Task.Delay(TimeSpan.FromMilliseconds(options.WatchIntervalMs), ct);
        }
        var end = done ?? MonoClock.Now;
        var cpu = (ProcessCpu() - cpuStart).TotalSeconds;
        var other = Math.Max(0, (MachineCpu.Busy() - machineStart).TotalSeconds - cpu);
        var (invoiceStates, packageStates) = store.Counts();
        var sent = packageStates.Where(p => p.Key is not (PackageState.ToSign or PackageState.Ready)).Sum(p => p.Value);

        var result = new VariantResult
        {
            Variant = variant.Label(), Store = variant.Store(),
            Invoices = invoices, BatchSize = options.BatchSize, Concurrency = options.Concurrency,
            Issued = invoices - errors, Errors = errors, FirstError = firstError,
            IssueSeconds = MonoClock.SecondsBetween(t0, issuedAt), Post = LatencySummary.From(latencies),
            EndToEndSeconds = done is { } d ? MonoClock.SecondsBetween(t0, d) : null, AcceptedAtIssueEnd = acceptedAtIssueEnd,
            PackagesSent = sent, InvoiceStates = invoiceStates, PackageStates = packageStates, LastProblem = provider.Engine.LastProblem,
            CpuSeconds = cpu, OtherCpuSeconds = other, WallSeconds = MonoClock.SecondsBetween(t0, end),
        };
        if (done is null)
            Console.Error.WriteLine($"[{label}] NOT every invoice was accepted within {options.TimeoutSeconds:N0} s after the last POST: " +
                                    $"invoices {Describe(invoiceStates)}; packages {Describe(packageStates)}; last problem: {provider.Engine.LastProblem ?? "none"}");
        return result;
    }

    private static byte[] SaleBody(string saleId) => Encoding.UTF8.GetBytes(
        $$"""{"saleId":"{{saleId}}","lines":[{"name":"Cà phê sữa đá","unit":"Ly","quantity":2,"unitPrice":29000,"rate":"10%"}]}""");

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";

    public static string Describe(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:N0}"));

    private static TimeSpan ProcessCpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ConformanceKit.LoadTesting;
using ConformanceKit.LoadTesting.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The generator's own ceiling (issue 15, "the tool must not be the bottleneck"): a bare Kestrel endpoint answering a fixed
// 999 in this process, loaded first by wrk (closed loop, C connections, one thread), then by the library with the same
// shape (closed model, C copies), then by the library in open model at 80% of what it reached. Same run, same machine.
var inv = CultureInfo.InvariantCulture;
// --post BYTES (issue 16): the ceiling for the simulator's intake instead — POSTs of BYTES (a 50-invoice package is ~64 KB)
// read to the end by the endpoint, which answers the same fixed 999; closed model only. Positional arguments as below.
var postAt = Array.IndexOf(args, "--post");
var postBytes = postAt >= 0 && postAt + 1 < args.Length ? int.Parse(args[postAt + 1], inv) : 0;
if (postAt >= 0) args = args.Where((_, i) => i != postAt && i != postAt + 1).ToArray();
var seconds = args.Length > 0 ? int.Parse(args[0], inv) : 10;
var connections = args.Length > 1 ? int.Parse(args[1], inv) : 32;
var body = Encoding.UTF8.GetBytes(
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><TDiep><TTChung><PBan>2.1.0</PBan><MNGui>TCT</MNGui><MLTDiep>999</MLTDiep>" +
    "<MTDiep>TCT00000000000000000000000000000000</MTDiep></TTChung><DLieu><TBao><TTTNhan>0</TTTNhan></TBao></DLieu></TDiep>");

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
var app = builder.Build();
app.MapGet("/", (HttpContext c) =>
{
    c.Response.ContentType = "application/xml; charset=utf-8";
    c.Response.ContentLength = body.Length;
    return c.Response.Body.WriteAsync(body).AsTask();
});
app.MapPost("/", async (HttpContext c) =>
{
    // What an intake does at the least: read the whole body (into a pooled buffer), then answer.
    var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
    try { while (await c.Request.Body.ReadAsync(buffer).ConfigureAwait(false) > 0) { } }
    finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    c.Response.ContentType = "application/xml; charset=utf-8";
    c.Response.ContentLength = body.Length;
    await c.Response.Body.WriteAsync(body).ConfigureAwait(false);
});
await app.StartAsync();
var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");

Console.WriteLine($"ck-load-ceiling: bare Kestrel at {address}, {seconds} s per run, {connections} connections; {Environment.ProcessorCount} cores, " +
                  $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
                  $"load average {Load()} before the runs, {Available()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

if (postBytes > 0)
{
    var payload = PostPayload(postBytes);
    await ClosedPost(3, connections, payload, quiet: true);
    var post = await ClosedPost(seconds, connections, payload, quiet: false);
    Console.WriteLine(string.Create(inv, $"bare Kestrel POST ceiling: {post.Rps:N0} POST/s × 50 invoices = {post.Rps * 50:N0} invoices/s " +
                                         $"({post.Rps * postBytes / (1024 * 1024):N1} MB/s of bodies); compare the simulator's sustained-invoices-per-s in the same run"));
    Console.WriteLine($"machine after the runs: load average {Load()}, {Available()}");
    await app.StopAsync();
    return;
}

// Warm both sides up (JIT) before measuring.
await Closed(3, connections, quiet: true);

(double Rps, string P50, string P99)? wrk = null;
var wrkPath = new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);
if (wrkPath is null) Console.WriteLine("wrk: not installed (apt-get install wrk) — no comparison in this run");
else
{
    var info = new ProcessStartInfo(wrkPath) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--latency", address.ToString() }) info.ArgumentList.Add(a);
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    using var p = Process.Start(info)!;
    var output = await p.StandardOutput.ReadToEndAsync();
    await p.WaitForExitAsync();
    var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, inv);
    // The latency distribution's lines ("     99%    3.96ms"), not a thread-stats column ending in 99% ("89.99%").
    wrk = (rps, Regex.Match(output, @"(?m)^\s+50%\s+(\S+)").Groups[1].Value, Regex.Match(output, @"(?m)^\s+99%\s+(\S+)").Groups[1].Value);
    Console.WriteLine($"wrk -t1 -c{connections}:                {rps,10:N0} req/s   p50 {wrk.Value.P50,8}   p99 {wrk.Value.P99,8}   " +
                      $"(server process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / seconds * 100:0}% of a core)");
}

var closed = await Closed(seconds, connections, quiet: false);
if (wrk is { } w)
    Console.WriteLine($"ratio wrk / library (closed model, same connections): {w.Rps / closed.Rps:0.00}× — target ≤ 2×");
// Open model: arrivals on the clock whatever the answers do; the highest rate it sustains with a p99 under 50 ms.
var shares = args.Length > 2 ? args[2].Split(',').Select(x => double.Parse(x, inv)).ToArray() : [0.25, 0.5, 0.8];
foreach (var share in shares)
    await Open(seconds, Math.Floor(closed.Rps * share), connections * 2);
Console.WriteLine($"machine after the runs: load average {Load()}");

async Task<StepReport> Closed(int forSeconds, int copies, bool quiet)
{
    using var http = Http.Create(address, null, copies, TimeSpan.FromSeconds(30));
    var scenario = Scenario.Create("bare", async ctx =>
        {
            using var response = await http.GetAsync("", ctx.CancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
            return StepResult.FromStatus((int)response.StatusCode, bytes.Length);
        })
        .WithLoadSimulations(LoadSimulation.KeepConstant(copies, TimeSpan.FromSeconds(forSeconds)));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var report = await LoadTest.Create("ceiling", scenario).RunAsync();
    var s = report.Scenarios[0].All;
    if (!quiet)
        Console.WriteLine(string.Create(inv, $"library, closed model, {copies} copies: {s.Rps,10:N0} req/s   p50 {s.Latency.P50,6:0.00}ms   p99 {s.Latency.P99,6:0.00}ms   " +
                                             $"fail {s.Fail}   (generator + server CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / forSeconds * 100:0}% of a core)"));
    return s;
}

async Task<StepReport> Open(int forSeconds, double rate, int maxConnections)
{
    using var http = Http.Create(address, null, maxConnections, TimeSpan.FromSeconds(30));
    var scenario = Scenario.Create("bare", async ctx =>
        {
            using var response = await http.GetAsync("", ctx.CancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
            return StepResult.FromStatus((int)response.StatusCode, bytes.Length);
        })
        .WithLoadSimulations(LoadSimulation.Inject(rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(forSeconds)));
    var report = await LoadTest.Create("ceiling-open", scenario).RunAsync();
    var sc = report.Scenarios[0];
    var s = sc.All;
    Console.WriteLine(string.Create(inv, $"library, open model at {rate,6:N0}/s: {s.Rps,10:N0} req/s   p50 {s.Latency.P50,6:0.00}ms   p99 {s.Latency.P99,6:0.00}ms   " +
                                         $"fail {s.Fail}   late dispatches {sc.LateDispatches} of {s.Count}"));
    return s;
}

async Task<StepReport> ClosedPost(int forSeconds, int copies, byte[] payload, bool quiet)
{
    using var http = Http.Create(address, null, copies, TimeSpan.FromSeconds(30));
    var scenario = Scenario.Create("bare-post", async ctx =>
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
            using var response = await http.PostAsync("", content, ctx.CancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
            return StepResult.FromStatus((int)response.StatusCode, payload.Length + bytes.Length);
        })
        .WithLoadSimulations(LoadSimulation.KeepConstant(copies, TimeSpan.FromSeconds(forSeconds)));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var report = await LoadTest.Create("ceiling-post", scenario).RunAsync();
    var s = report.Scenarios[0].All;
    if (!quiet)
        Console.WriteLine(string.Create(inv, $"library, closed model, {copies} copies, POST {payload.Length:N0} B: {s.Rps,10:N0} req/s   p50 {s.Latency.P50,6:0.00}ms   " +
                                             $"p99 {s.Latency.P99,6:0.00}ms   fail {s.Fail}   (generator + server CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / forSeconds * 100:0}% of a core)"));
    return s;
}

// An XML-looking body of the given size (the endpoint does not parse it; the bytes on the wire are what count).
static byte[] PostPayload(int size)
{
    var head = "<?xml version=\"1.0\" encoding=\"utf-8\"?><TDiep><DLieu>"u8.ToArray();
    var tail = "</DLieu></TDiep>"u8.ToArray();
    var bytes = new byte[Math.Max(size, head.Length + tail.Length)];
    head.CopyTo(bytes, 0);
    bytes.AsSpan(head.Length, bytes.Length - head.Length - tail.Length).Fill((byte)'x');
    tail.CopyTo(bytes, bytes.Length - tail.Length);
    return bytes;
}

static string Available()
{
    var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal)) : null;
    return line is null ? "memory n/a" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024:N0} MB available";
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

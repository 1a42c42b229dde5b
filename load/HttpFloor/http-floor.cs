#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
using System.Diagnostics;
using System.Net;
using System.Text;
// The HTTP floor of one pipeline sale (docs/performance.md, "Session 4 — pipeline"): a POST with a ~700-byte JSON body
// answered with ~500 bytes, then a GET answered with ~500 bytes, on loopback, HttpClient (SocketsHttpHandler, HTTP/1.1, as
// load/LoadTesting's Http.Create) → Kestrel minimal API doing nothing else, N closed-loop clients, in one process — what
// `pipeline-sales` pays per sale before the provider does any work. Prints pairs/s, CPU µs per pair (this process, client
// and server together) and the load average (a busy machine inflates the figure).
//   dotnet run -c Release load/HttpFloor/http-floor.cs -- [clients=8] [seconds=10]
var clients = args.Length > 0 ? int.Parse(args[0]) : 8;
var seconds = args.Length > 1 ? int.Parse(args[1]) : 10;
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
var app = builder.Build();
var answer = new string('x', 420);
app.MapPost("/api/v1/sales", async (HttpRequest r) => { using var ms = new MemoryStream(); await r.Body.CopyToAsync(ms); return Results.Created("/x", new { code = "M1-25-ABCDE-00000001", state = "issued", pad = answer }); });
app.MapGet("/api/v1/sales/{**id}", (string id) => Results.Ok(new { code = "M1-25-ABCDE-00000001", state = "issued", pad = answer }));
await app.StartAsync();
var address = app.Urls.First();
var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
var http = new HttpClient(handler) { BaseAddress = new Uri(address + "/"), DefaultRequestVersion = HttpVersion.Version11 };
var body = Encoding.UTF8.GetBytes("{\"saleId\":\"x\",\"registerId\":\"q\",\"lines\":[" + string.Join(",", Enumerable.Repeat("{\"name\":\"Cà phê sữa đá\",\"quantity\":2,\"unitPrice\":25000,\"rate\":\"8%\"}", 8)) + "]}");
long pairs = 0; var stop = false;
async Task Loop()
{
    while (!Volatile.Read(ref stop))
    {
        using var c = new ByteArrayContent(body); c.Headers.ContentType = new("application/json");
        using (var r = await http.PostAsync("api/v1/sales", c)) { var b = await r.Content.ReadAsByteArrayAsync(); using var j = System.Text.Json.JsonDocument.Parse(b); }
        using (var r = await http.GetAsync("api/v1/sales/load-x%2Fstore-01%2F000001")) { var b = await r.Content.ReadAsByteArrayAsync(); using var j = System.Text.Json.JsonDocument.Parse(b); }
        Interlocked.Increment(ref pairs);
    }
}
var warm = Enumerable.Range(0, clients).Select(_ => Task.Run(Loop)).ToArray();
await Task.Delay(TimeSpan.FromSeconds(5)); // warm-up (tiering)
var p0 = Interlocked.Read(ref pairs); var cpu0 = Process.GetCurrentProcess().TotalProcessorTime; var t0 = Stopwatch.GetTimestamp();
await Task.Delay(TimeSpan.FromSeconds(seconds));
var p1 = Interlocked.Read(ref pairs); var cpu1 = Process.GetCurrentProcess().TotalProcessorTime; var wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
Volatile.Write(ref stop, true); await Task.WhenAll(warm);
var n = p1 - p0;
Console.WriteLine($"clients={clients} pairs/s={n / wall:0} cpu-us/pair={(cpu1 - cpu0).TotalMicroseconds / n:0} cpu-cores={(cpu1 - cpu0).TotalSeconds / wall:0.00} loadavg={File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
await app.StopAsync();

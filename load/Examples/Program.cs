using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.LoadTesting;
using ConformanceKit.LoadTesting.Targets;

// A scenario of your own against a provider API (docs/provider.md): ring a sale up, then read it back.
//   dotnet run -c Release --project load/Examples                               # against the reference pipeline, started here
//   dotnet run -c Release --project load/Examples -- http://my-provider:5070/ MY-KEY   # against yours
// Exit code 0 when every threshold holds, 1 when one fails; the reports land in ./example-report.

await using var pipeline = args.Length == 0
    ? await LoadTarget.StartAsync(new TargetSpec(TargetKind.Pipeline, null), new TargetOptions())
    : null;
var provider = pipeline?.Provider ?? new ProviderEndpoint(new Uri(args[0]), args.Length > 1 ? args[1] : null);
using var http = provider.CreateClient(maxConnections: 64, timeout: TimeSpan.FromSeconds(30));
var run = DateTime.UtcNow.ToString("HHmmss");

// Step 1: POST /api/v1/sales. A step returns ok or fail, with the status code and the bytes moved.
var sell = Step.Create("sell", async ctx =>
{
    var saleId = $"example-{run}-{ctx.InvocationNumber}";
    using var response = await http.PostAsJsonAsync("api/v1/sales", new
    {
        saleId,
        lines = new[] { new { name = "Cà phê sữa đá", unit = "Ly", quantity = 1 + ctx.InvocationNumber % 3, unitPrice = 29000, rate = "8%" } },
    }, ctx.CancellationToken);
    var body = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken);
    if ((int)response.StatusCode != 201) return StepResult.Fail($"HTTP {(int)response.StatusCode}", (int)response.StatusCode, body.Length);
    ctx.Data["saleId"] = saleId; // handed to the next step
    return StepResult.Ok(201, body.Length);
});

// Step 2: GET /api/v1/sales/{id}: the invoice has a code.
var readBack = Step.Create("read-back", async ctx =>
{
    using var response = await http.GetAsync("api/v1/sales/" + Uri.EscapeDataString((string)ctx.Data["saleId"]!), ctx.CancellationToken);
    var body = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken);
    if (!response.IsSuccessStatusCode) return StepResult.FromStatus((int)response.StatusCode, body.Length);
    using var json = JsonDocument.Parse(body);
    return json.RootElement.TryGetProperty("code", out _) ? StepResult.Ok(200, body.Length) : StepResult.Fail("no code", 200, body.Length);
});

// The load: 3 s warm-up, 10 s at 10 sales/s, a ramp to 40/s over 10 s, 10 s held (open model: arrivals do not wait for answers).
var scenario = Scenario.Create("till", sell, readBack)
    .WithWarmUp(TimeSpan.FromSeconds(3))
    .WithLoadSimulations(
        LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
        LoadSimulation.RampingInject(40, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
        LoadSimulation.Inject(40, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)));

var report = await LoadTest.Create("example", scenario)
    .WithTarget(provider.Address.ToString())
    .WithThresholds("p99<500ms", "fail%<1", "till.read-back:p95<100ms")
    .WithProgress(Console.Error)
    .RunAsync();

ReportWriter.WriteAll(report, "example-report");
Console.WriteLine(ReportWriter.Markdown(report));
return report.Passed ? 0 : 1;

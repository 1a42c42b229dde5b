using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.LoadTesting.Tests;

/// <summary>`ck load`: usage errors (exit 2), the list, and a failed domain threshold (exit 1) against a fake authority.</summary>
public sealed class LoadCommandTests
{
    [Fact]
    public async Task List_names_every_workload_and_what_it_loads()
    {
        var result = await Ck.RunAsync("load", "--list");
        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "pos-fleet", "lunch-peak", "tet-peak", "end-of-day", "soak", "tvan-forward", "sim-messages", "pipeline-sales" })
            Assert.Contains(name, result.Out);
    }

    [Theory]
    [InlineData("--workload NAME is required", "load")]
    [InlineData("no workload 'nope'", "load", "--workload", "nope")]
    [InlineData("write pipeline, provider=URL, authority=URL or simulator[=sqlite|postgres]", "load", "--workload", "pos-fleet", "--target", "shop")]
    [InlineData("write simulator, simulator=sqlite, simulator=postgres", "load", "--workload", "sim-messages", "--target", "simulator=oracle")]
    [InlineData("--store 'disk': write crash-safe, memory or tmpfs", "load", "--workload", "pipeline-sales", "--store", "disk")]
    [InlineData("--clients, --connections and --clock-rate must be positive", "load", "--workload", "pipeline-sales", "--clients", "0")]
    [InlineData("--store is the pipeline provider's store", "load", "--workload", "sim-messages", "--target", "simulator", "--store", "memory")]
    [InlineData("--sim-dll goes with --target simulator", "load", "--workload", "sim-messages", "--target", "authority=http://127.0.0.1:1", "--sim-dll", "x.dll")]
    [InlineData("pos-fleet loads a provider", "load", "--workload", "pos-fleet", "--target", "simulator")]
    [InlineData("is not an http(s) URL", "load", "--workload", "pos-fleet", "--target", "provider=ftp://x")]
    [InlineData("tvan-forward loads a authority", "load", "--workload", "tvan-forward", "--target", "provider=http://127.0.0.1:1")]
    [InlineData("is not a threshold", "load", "--workload", "pos-fleet", "--threshold", "p99 fast")]
    [InlineData("is not a positive duration", "load", "--workload", "pos-fleet", "--duration", "soon")]
    [InlineData("--mst '0312345678' is not a tax code", "load", "--workload", "sim-messages", "--mst", "0312345678")]
    [InlineData("--tvan 'X1' is not a T-VAN code", "load", "--workload", "sim-messages", "--tvan", "X1")]
    [InlineData("--shape: 'burst:5' is not a phase", "load", "--workload", "pos-fleet", "--shape", "burst:5")]
    [InlineData("--reset needs --admin-key", "load", "--workload", "sim-messages", "--target", "authority=http://127.0.0.1:1", "--reset")]
    public async Task Usage_errors_exit_2_and_say_what_is_wrong(string message, params string[] args)
    {
        var result = await Ck.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task An_authority_that_never_sends_the_204_fails_the_run_with_exit_1_and_the_reports_say_why()
    {
        var bodies = new ConcurrentQueue<(string Key, string Body)>();
        await using var authority = await FakeServer.StartAsync(app =>
        {
            app.MapPost("/api/v1/messages", async (HttpContext c) =>
            {
                using var reader = new StreamReader(c.Request.Body, Encoding.UTF8);
                bodies.Enqueue((c.Request.Headers["X-Api-Key"].ToString(), await reader.ReadToEndAsync()));
                c.Response.ContentType = "application/xml; charset=utf-8";
                await c.Response.WriteAsync("<TDiep><TTChung><MLTDiep>999</MLTDiep></TTChung><DLieu><TBao><TTTNhan>0</TTTNhan></TBao></DLieu></TDiep>");
            });
            app.MapGet("/api/v1/inbox", (HttpContext c) =>
            {
                c.Response.Headers["X-Next-Cursor"] = "0";
                return Results.Content("<DSTDiep next=\"0\"></DSTDiep>", "application/xml");
            });
        });
        var folder = TestFolder.Create();
        try
        {
            var result = await Ck.RunAsync(["load", "--workload", "sim-messages", "--target", "authority=" + authority.Address, "--duration", "1s",
                "--warm-up", "0s", "--rate", "4", "--settle", "500ms", "--key", "my-tvan-key", "--mst", "0312345673", "--tvan", "V0102030405",
                "--block", "Z9Y8X", "--report", folder, "--quiet"], stdin: null, TimeSpan.FromSeconds(90));

            Assert.True(result.ExitCode == 1, result.Out + result.Error);
            Assert.True(result.Out.Contains("✗ packages-without-204==0"), result.Out + result.Error);
            Assert.Contains("✓ fail%<1", result.Out);
            Assert.Equal(4, bodies.Count);
            Assert.All(bodies, b =>
            {
                Assert.Equal("my-tvan-key", b.Key);
                Assert.Contains("<MST>0312345673</MST>", b.Body);
                Assert.Contains("<MNGui>V0102030405</MNGui>", b.Body);
                Assert.Contains("Z9Y8X", b.Body);
            });
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            Assert.Equal(4, json.RootElement.GetProperty("metrics").GetProperty("packages-without-204").GetDouble());
            Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }
}

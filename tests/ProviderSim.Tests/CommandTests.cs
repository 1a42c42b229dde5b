extern alias ck;

using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>`ck provider-sim`: the list, usage errors, and one profile run with one command (provider and authority in-process).</summary>
public sealed class CommandTests
{
    [Fact]
    public async Task The_list_names_each_profile_and_its_faults()
    {
        var r = await Ck.RunAsync("provider-sim", "--list");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("viettel-sinvoice", r.Out);
        Assert.Contains("misa-meinvoice", r.Out);
        Assert.Contains("token-expired", r.Out);
    }

    [Theory]
    [InlineData("provider-sim")]
    [InlineData("provider-sim", "--profile", "no-such-provider")]
    [InlineData("provider-sim", "--profile", "viettel-sinvoice", "--fault", "no-such-fault")]
    [InlineData("provider-sim", "--profile", "viettel-sinvoice", "--provider", "ftp://x")]
    public async Task What_cannot_run_is_a_usage_error(params string[] args)
    {
        var r = await Ck.RunAsync(args);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public async Task One_command_runs_a_profile_until_stopped()
    {
        var port = FreePort();
        var folder = TestFolder.Create();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var io = new ck::ConformanceKit.Conformance.Cli.CliIO(output, output, () => new MemoryStream(), false);
        var run = ck::ConformanceKit.Conformance.Cli.CkCli.RunAsync(
            ["provider-sim", "--profile", "misa-meinvoice", "--urls", $"http://127.0.0.1:{port}", "--fault", "server-error",
             "--out", Path.Combine(folder, "report"), "--signing-key", Path.Combine(folder, "key.pfx")], io, stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var faults = await Eventually.ValueAsync(async () =>
        {
            try { return await http.GetFromJsonAsync<Dictionary<string, bool>>("__sim/faults"); }
            catch (HttpRequestException) { return null; }
        }, f => f is not null || run.IsCompleted, TimeSpan.FromSeconds(30));
        Assert.False(run.IsCompleted, output.ToString());
        Assert.True(faults!["server-error"]);
        using (var token = await http.PostAsJsonAsync("api/integration/auth/token", new { appid = "a", taxcode = "0106324653", username = "u", password = "p" }))
            Assert.True((await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Success").GetBoolean());
        await stop.CancelAsync();
        Assert.Equal(0, await run);
        Assert.Contains("MISA meInvoice", output.ToString());
        Assert.Contains("what the POS sent: ", output.ToString()); // the judgement on the way out
        Assert.Contains("login-reuse", output.ToString());
        var verification = ConformanceKit.Harness.Reports.ReportVerifier.VerifyFile(Path.Combine(folder, "report", "report.json"));
        Assert.True(verification.IsValid, verification.Reason);
        Assert.Contains(verification.Report!.Cases, c => c.Id == "POS-LOGIN-REUSE");
        TestFolder.Delete(folder);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

public sealed class RecordCommandTests
{
    [Fact]
    public async Task Replay_of_a_folder_that_does_not_exist_is_a_usage_error()
    {
        var r = await Ck.RunAsync("provider-sim", "replay", "/no/such/folder");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public async Task Record_needs_a_target_and_a_folder()
    {
        var r = await Ck.RunAsync("provider-sim", "record", "--out", "x");
        Assert.Equal(2, r.ExitCode);
    }
}

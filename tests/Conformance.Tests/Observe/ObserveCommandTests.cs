using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Conformance.Tests.Observe;

/// <summary>`ck observe` end to end: parsed from the command line, against a simulator on a real port.</summary>
public sealed class ObserveCommandTests(ObservedSimulator sim) : IClassFixture<ObservedSimulator>, IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "ck-observe-reports", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Exit_0_for_a_clean_window_1_with_a_gap_and_the_reports_are_written()
    {
        var day = new DateOnly(2025, 8, 1);
        await sim.SetClockAsync(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), ObservedSimulator.Gmt7));
        await sim.SendAsync(ObservedSimulator.Package(day, 1));

        var (clean, output, _) = await RunAsync("--from", "2025-08-01", "--to", "2025-08-01", "--out", Path.Combine(_out, "clean"));
        Assert.Equal(ExitCodes.Ok, clean);
        Assert.Contains("OBS-CODES", output);
        Assert.Contains("no error finding", output);
        var report = Assert.Single(Directory.GetFiles(Path.Combine(_out, "clean"), "report.json"));
        Assert.Contains("\"observe\"", await File.ReadAllTextAsync(report));

        await sim.SendAsync(ObservedSimulator.Package(day, 6));
        var (gap, gapOutput, _) = await RunAsync("--from", "2025-08-01T00:00", "--to", "2025-08-01T23:59:59", "--out", Path.Combine(_out, "gap"));
        Assert.Equal(ExitCodes.Failed, gap);
        Assert.Contains("OBS-GAP", gapOutput);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_out, "gap")));
    }

    [Fact]
    public async Task Exit_4_INCOMPLETE_for_a_window_with_no_package_and_the_reports_say_so()
    {
        var day = new DateOnly(2025, 8, 2);
        await sim.SetClockAsync(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), ObservedSimulator.Gmt7));
        var folder = Path.Combine(_out, "empty");

        var (code, output, _) = await RunAsync("--from", "2025-08-02", "--to", "2025-08-02", "--out", folder);

        Assert.Equal(ExitCodes.Incomplete, code);
        Assert.Contains("INCOMPLETE", output);
        Assert.Contains("OBS-NO-TRAFFIC", output);
        Assert.Contains("Traffic: 0 package(s), 0 invoice(s), 0 notice(s), 0 refused at reception", output);
        Assert.Contains("Self-run report, not a certification", output);
        var json = await File.ReadAllTextAsync(Path.Combine(folder, "report.json"));
        Assert.Contains("\"verdict\": \"INCOMPLETE\"", json);
        Assert.Contains("\"standing\": \"self-run, not a certification\"", json);

        var verify = new StringWriter();
        Assert.Equal(ExitCodes.Ok, await CkCli.RunAsync(["verify-report", Path.Combine(folder, "report.junit.xml")],
            new CliIO(verify, new StringWriter(), () => Stream.Null, IsTerminal: false)));
        Assert.Contains("Verdict:     INCOMPLETE (self-run, not a certification)", verify.ToString());
        Assert.Contains("2025-08-02 00:00:00 +07:00 … 2025-08-02 23:59:59 +07:00 (simulated time)", verify.ToString());
        Assert.Contains("Traffic:     0 package(s)", verify.ToString());
    }

    [Fact]
    public async Task Exit_2_for_a_bad_MST_or_time_and_3_for_a_refused_admin_key_or_an_unreachable_simulator()
    {
        var (code, _, error) = await RunAsync("--admin-key", "wrong");
        Assert.Equal(ExitCodes.HarnessError, code);
        Assert.Contains("refused the admin key", error);
        Assert.DoesNotContain("   at ", error);

        (code, _, error) = await RunWithAsync(sim.BaseAddress.ToString(), "0106324654");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("not a valid MST", error);

        (code, _, error) = await RunAsync("--from", "yesterday");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--from", error);

        (code, _, error) = await RunWithAsync("http://127.0.0.1:1", DemoData.TaxCode);
        Assert.Equal(ExitCodes.HarnessError, code);
        Assert.Contains("cannot reach the simulator", error);
        Assert.False(Directory.Exists(_out));
    }

    private Task<(int Code, string Out, string Error)> RunAsync(params string[] extra) =>
        RunWithAsync(sim.BaseAddress.ToString(), DemoData.TaxCode, extra);

    private async Task<(int Code, string Out, string Error)> RunWithAsync(string url, string mst, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["observe", "--sim", url, "--mst", mst, .. extra];
        if (!extra.Contains("--out")) args = [.. args, "--out", _out];
        var code = await CkCli.RunAsync(args, new CliIO(output, error, () => Stream.Null, IsTerminal: false));
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(_out, recursive: true); }
        catch (IOException) { }
    }
}

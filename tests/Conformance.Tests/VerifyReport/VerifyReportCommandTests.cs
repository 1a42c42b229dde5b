using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Tests.VerifyReport;

/// <summary>`ck verify-report`: what it prints and its exit codes 0 / 1 / 2.</summary>
public sealed class VerifyReportCommandTests(ReportFixture fx) : IClassFixture<ReportFixture>
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await CkCli.RunAsync(["verify-report", .. args], new CliIO(output, error, () => Stream.Null, false), timeout.Token);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Exit_0_for_each_intact_report_pinned_or_not_with_what_it_describes()
    {
        var written = await fx.WriteAsync();
        foreach (var (path, format) in new[] { (written.Json, "JSON"), (written.Junit, "JUnit XML"), (written.Html, "HTML") })
        {
            var (code, output, _) = await RunAsync(path, "--trust", fx.KeyB.ThumbprintSha256, "--trust", fx.KeyA.ThumbprintSha256);
            Assert.True(code == ExitCodes.Ok, output);
            Assert.Contains($"Format:      {format}", output);
            Assert.Contains("Result:      VALID: signature matches the content", output);
            Assert.Contains("Signer:      CN=ConformanceKit report signer", output);
            Assert.Contains(fx.KeyA.ThumbprintSha256, output);
            Assert.Contains("Trusted:     yes", output);
            Assert.Contains("Session:     " + ReportFixture.SessionId, output);
            Assert.Contains("Kind:        run", output);
            Assert.Contains("Target:      http://127.0.0.1:5080 (in-process simulator (SQLite))", output);
            Assert.Contains("Started:     2025-06-15 09:30:00 +07:00", output);
            Assert.Contains("Finished:    2025-06-15 09:30:31 +07:00", output);
            Assert.Contains("Totals:      4 cases: 2 passed, 1 failed, 1 errors", output);
            Assert.Contains("Verdict:     FAILED (self-run, not a certification)", output);
            Assert.Contains("Standing:    self-run, not a certification", output);
            Assert.Contains("Window:      2025-06-15 09:30:00 +07:00 … 2025-06-15 09:30:31 +07:00 (real time)", output);
            Assert.Contains(format == "JUnit XML" ? "Signed at:   " : "(covered by the signature)", output);

            (code, output, _) = await RunAsync(path);
            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains("not checked (pin the signer with --trust " + fx.KeyA.ThumbprintSha256, output);
        }
    }

    [Fact]
    public async Task Exit_1_for_a_tampered_an_unsigned_and_an_untrusted_report()
    {
        var written = await fx.WriteAsync();
        ReportFixture.Edit(written.Html, "NNT missing", "NNT mixsing");
        var (code, output, _) = await RunAsync(written.Html);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("Result:      TAMPERED: signature does not match the content", output);
        Assert.Contains("NOT verified", output);

        var json = await File.ReadAllTextAsync(written.Json);
        await File.WriteAllTextAsync(written.Json, json[..json.IndexOf(",\n  \"signature\"", StringComparison.Ordinal)] + "\n}\n");
        (code, output, _) = await RunAsync(written.Json);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("TAMPERED (unsigned): no signature", output);

        (code, output, _) = await RunAsync(written.Junit, "--trust", fx.KeyB.ThumbprintSha256);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("Result:      UNTRUSTED", output);
        Assert.Contains("Trusted:     NO", output);
    }

    [Fact]
    public async Task Exit_2_for_a_missing_file_a_file_that_is_no_report_and_a_missing_argument()
    {
        var (code, output, _) = await RunAsync(Path.Combine(fx.NewFolder(), "nope.json"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no such file", output);

        var other = Path.Combine(fx.NewFolder(), "package.xml");
        await File.WriteAllTextAsync(other, "<TDiep><TTChung/></TDiep>");
        (code, output, _) = await RunAsync(other);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("NOT A CK REPORT", output);

        (code, _, var error) = await RunAsync();
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("error:", error);
    }
}

using System.Text.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Tests.Certify;

/// <summary>
/// `ck certify certificate` against a scripted HTTP server serving a session's result, then `ck verify-report` on what it
/// wrote: what a certificate states, its exit codes, and forged certificates refused.
/// </summary>
public sealed class CertifyCommandTests(ReportFixture fx) : IClassFixture<ReportFixture>
{
    private const string AdminKey = "certifier-admin-key";
    private const string ResultPath = "/admin/v1/certification/sessions/" + CertificationSamples.SessionId + "/result";

    private static ScriptedHttpServer Serve(CertificationSessionResult result) => new(request =>
        request.Headers.GetValueOrDefault("X-Admin-Key") != AdminKey
            ? new(401, "application/problem+json", """{"title":"Unauthorized","status":401}""")
            : request.Method == "GET" && request.Path == ResultPath
                ? new(200, "application/json", JsonSerializer.Serialize(result, AuthorityJson.Options))
                : new(404, "application/problem+json", """{"title":"Not found","status":404,"detail":"no such certification session"}"""));

    private static async Task<(int Code, string Out, string Error)> Ck(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await CkCli.RunAsync(args, new CliIO(output, error, () => Stream.Null, false), timeout.Token);
        return (code, output.ToString(), error.ToString());
    }

    private Task<(int Code, string Out, string Error)> Certify(Uri server, string output, string? key = null,
        string session = CertificationSamples.SessionId, string adminKey = AdminKey) =>
        Ck("certify", "certificate", "--server", server.ToString(), "--admin-key", adminKey, "--session", session,
            "--key", key ?? fx.KeyA.KeyPath!, "--out", output, "--issuer", "Certifier Ltd");

    [Fact]
    public async Task A_passed_session_becomes_a_signed_certificate_that_verify_report_shows_in_full()
    {
        await using var server = Serve(CertificationSamples.Passed());
        var folder = Path.Combine(fx.NewFolder(), "out");

        var (code, output, error) = await Certify(server.Address, folder);

        Assert.True(code == ExitCodes.Ok, output + error);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", ResultPath, AdminKey), (request.Method, request.Path, request.Headers["X-Admin-Key"]));
        Assert.Contains("Verdict: PASSED", output);
        Assert.Contains("SHA-256 " + fx.KeyA.ThumbprintSha256, output);
        Assert.Equal(["certificate.html", "certificate.json", "certificate.junit.xml"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        foreach (var file in Directory.GetFiles(folder))
        {
            var (verified, shown, _) = await Ck("verify-report", file, "--trust", fx.KeyA.ThumbprintSha256);
            Assert.True(verified == ExitCodes.Ok, shown);
            Assert.Contains("Result:      VALID: signature matches the content and signing time; the signer is trusted", shown);
            Assert.Contains("Standing:    CERTIFICATION issued by Certifier Ltd", shown);
            Assert.Contains("Vendor:      " + CertificationSamples.Vendor, shown);
            Assert.Contains($"System:      {CertificationSamples.System} {CertificationSamples.Version}", shown);
            Assert.Contains("Plan:        tvan-provider version 2025.12-3", shown);
            Assert.Contains("Window:      2025-12-01 09:00:00 +07:00 … 2025-12-01 09:47:00 +07:00 (real time)", shown);
            Assert.Contains("             2025-06-15 08:00:00 +07:00 … 2025-06-15 20:30:00 +07:00 (simulated time)", shown);
            Assert.Contains("Traffic:     12 package(s), 36 invoice(s), 14 notice(s)", shown);
            Assert.Contains("Verdict:     PASSED", shown);
            Assert.Contains("(covered by the signature)", shown);
            Assert.Contains("SHA-256:     " + fx.KeyA.ThumbprintSha256, shown);
            Assert.DoesNotContain("self-run", shown);
        }
    }

    [Fact]
    public async Task Exit_4_for_an_incomplete_session_and_1_for_a_failed_one_with_the_certificate_written_for_both()
    {
        await using (var server = Serve(CertificationSamples.WithStepNotPerformed()))
        {
            var folder = fx.NewFolder();
            var (code, output, _) = await Certify(server.Address, folder);
            Assert.Equal(ExitCodes.Incomplete, code);
            Assert.Contains("Verdict: INCOMPLETE (the server said PASSED)", output);
            Assert.Contains("INCOMPLETE look-up-dropped-204", output);
            var (_, shown, _) = await Ck("verify-report", Path.Combine(folder, "certificate.junit.xml"), "--trust", fx.KeyA.ThumbprintSha256);
            Assert.Contains("Verdict:     INCOMPLETE", shown);
            Assert.Contains("1 not performed", shown);
        }
        await using (var server = Serve(CertificationSamples.Failed()))
        {
            var folder = fx.NewFolder();
            var (code, output, _) = await Certify(server.Address, folder);
            Assert.Equal(ExitCodes.Failed, code);
            Assert.Contains("Verdict: FAILED", output);
            Assert.Equal(3, Directory.GetFiles(folder).Length);
        }
    }

    [Fact]
    public async Task An_edited_certificate_and_one_re_signed_with_another_key_are_refused()
    {
        await using var server = Serve(CertificationSamples.Failed());
        var folder = fx.NewFolder();
        await Certify(server.Address, folder);
        var forgedFolder = fx.NewFolder();
        await Certify(server.Address, forgedFolder, key: fx.KeyB.KeyPath);

        var html = Path.Combine(folder, "certificate.html");
        ReportFixture.Edit(html, "id=\"verdict\" class=\"verdict failed\">FAILED<", "id=\"verdict\" class=\"verdict failed\">PASSED<");
        var (code, shown, _) = await Ck("verify-report", html, "--trust", fx.KeyA.ThumbprintSha256);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("Result:      TAMPERED: signature does not match the content", shown);
        Assert.Contains("NOT verified", shown);

        var json = Path.Combine(folder, "certificate.json");
        ReportFixture.Edit(json, "\"systemVersion\": \"4.2.1\"", "\"systemVersion\": \"4.2.9\"");
        (code, shown, _) = await Ck("verify-report", json, "--trust", fx.KeyA.ThumbprintSha256);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("TAMPERED", shown);

        foreach (var file in Directory.GetFiles(forgedFolder))
        {
            (code, shown, _) = await Ck("verify-report", file, "--trust", fx.KeyA.ThumbprintSha256);
            Assert.Equal(ExitCodes.Failed, code);
            Assert.Contains("Result:      UNTRUSTED", shown);
            Assert.Contains("SHA-256:     " + fx.KeyB.ThumbprintSha256, shown);
        }
        // Unpinned, a certificate says its signer was not checked.
        (_, shown, _) = await Ck("verify-report", Path.Combine(forgedFolder, "certificate.json"));
        Assert.Contains("NOT CHECKED: anyone can sign a certificate with their own key", shown);
    }

    [Fact]
    public async Task Usage_and_harness_errors_have_their_exit_codes_and_write_nothing()
    {
        await using var server = Serve(CertificationSamples.Passed());
        var folder = Path.Combine(fx.NewFolder(), "never");

        var (code, _, error) = await Certify(server.Address, folder, session: "no-such-session");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("knows no certification session 'no-such-session' (404: no such certification session)", error);

        (code, _, error) = await Certify(server.Address, folder, adminKey: "wrong");
        Assert.Equal(ExitCodes.HarnessError, code);
        Assert.Contains("refused the admin key", error);

        (code, _, error) = await Certify(server.Address, folder, key: Path.Combine(fx.Root, "missing.pfx"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("ck certify new-key", error);

        (code, _, error) = await Certify(new Uri("http://127.0.0.1:1/"), folder);
        Assert.Equal(ExitCodes.HarnessError, code);
        Assert.Contains("cannot reach the server", error);

        (code, _, error) = await Ck("certify", "certificate", "--server", "ftp://x", "--session", "s", "--key", fx.KeyA.KeyPath!);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--server must be an http(s) URL", error);

        await using var bad = Serve(CertificationSamples.Passed() with { Verdict = "OK" });
        (code, _, error) = await Certify(bad.Address, folder);
        Assert.Equal(ExitCodes.HarnessError, code);
        Assert.Contains("verdict: 'OK' is not PASSED, FAILED or INCOMPLETE", error);

        await using var garbage = new ScriptedHttpServer(_ => new(200, "application/json", "[1, 2"));
        (code, _, error) = await Certify(garbage.Address, folder);
        Assert.Equal(ExitCodes.HarnessError, code);
        Assert.Contains("not a certification result", error);
        Assert.DoesNotContain("   at ", error);

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task New_key_writes_a_certifier_key_and_prints_its_thumbprint_once()
    {
        var path = Path.Combine(fx.NewFolder(), "certifier.pfx");

        var (code, output, _) = await Ck("certify", "new-key", "--out", path, "--name", "Certifier Ltd");

        Assert.Equal(ExitCodes.Ok, code);
        using var key = Harness.Reports.ReportSigner.Load(path);
        Assert.Contains("O=Certifier Ltd", key.Subject);
        Assert.Contains("SHA-256: " + key.ThumbprintSha256, output);
        (code, _, var error) = await Ck("certify", "new-key", "--out", path, "--name", "Certifier Ltd");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("exists already", error);
    }
}

using System.Text;
using System.Text.Json.Nodes;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.Harness.Certification;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Tests.Certification;

/// <summary>The certificate made of a certification session's result: its content, its verdict rules, its signature.</summary>
public sealed class CertificateWriterTests(ReportFixture fx) : IClassFixture<ReportFixture>
{
    private static readonly DateTimeOffset SignedAt = new(2025, 12, 1, 3, 5, 7, 123, TimeSpan.Zero);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void The_certificate_holds_the_vendor_system_window_counts_plan_and_a_verdict_per_step()
    {
        var report = CertificateWriter.Build(CertificationSamples.Failed(), "O=Certifier Ltd", "http://certifier.example/");

        Assert.Equal("certification", report.Kind);
        Assert.True(report.IsCertification);
        Assert.Equal("certification", report.Standing);
        Assert.Equal(CertificationSamples.SessionId, report.SessionId);
        Assert.Equal(("ck", "0.9.0"), (report.Tool.Name, report.Tool.Version));
        var c = report.Certification!;
        Assert.Equal((CertificationSamples.Vendor, CertificationSamples.System, CertificationSamples.Version, "V0312345678"),
            (c.VendorName, c.SystemName, c.SystemVersion, c.Sender));
        Assert.Equal(("tvan-provider", "2025.12-3", "O=Certifier Ltd", "0.9.0", "FAILED"), (c.PlanId, c.PlanVersion, c.IssuedBy, c.ServerVersion, c.ServerVerdict));
        Assert.Equal(new TrafficCounts(12, 36, 14), report.Counts);
        Assert.Equal(CertificationSamples.Started, report.Window!.RealFrom);
        Assert.Equal(CertificationSamples.Started.AddMinutes(47), report.Window.RealTo);
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 8, 0, 0, TimeSpan.FromHours(7)), report.Window.SimulatedFrom);
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 20, 30, 0, TimeSpan.FromHours(7)), report.Window.SimulatedTo);
        Assert.Equal("FAILED", report.Verdict);
        Assert.Equal(["send-valid", "resend-after-503", "look-up-dropped-204"], report.Cases.Select(x => x.Id));
        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], report.Cases.Select(x => x.Outcome));
        var failed = report.Cases[1];
        Assert.Equal("Do this: resend after 503.", failed.Expected);
        Assert.Equal(7 * 60_000, failed.DurationMs);
        Assert.StartsWith("test plan tvan-provider version 2025.12-3, step 2; started 2025-12-01T09:05:00.000+07:00", failed.Rule);
        Assert.Equal([FindingSeverity.Error, FindingSeverity.Error, FindingSeverity.Info], failed.Findings.Select(f => f.Severity));
        Assert.Equal("messages involved: V0312345678A2, V0312345678B7", failed.Findings[2].Message);
        Assert.Equal(new ReportSummary(3, 2, 1, 0, 47 * 60_000), report.Summary);
    }

    [Theory]
    [InlineData("all passed", "PASSED")]
    [InlineData("server PASSED, a step not performed", "INCOMPLETE")]
    [InlineData("server PASSED, a step failed", "FAILED")]
    [InlineData("server PASSED, no traffic", "INCOMPLETE")]
    [InlineData("server PASSED, no step", "INCOMPLETE")]
    [InlineData("server FAILED, every step passed", "FAILED")]
    [InlineData("server INCOMPLETE", "INCOMPLETE")]
    public void Never_PASSED_with_a_step_not_performed_or_no_traffic(string situation, string expected)
    {
        var passed = CertificationSamples.Passed();
        var result = situation switch
        {
            "all passed" => passed,
            "server PASSED, a step not performed" => CertificationSamples.WithStepNotPerformed(),
            "server PASSED, a step failed" => CertificationSamples.Failed() with { Verdict = "PASSED" },
            "server PASSED, no traffic" => passed with { Packages = 0, Invoices = 0, Notices = 0 },
            "server PASSED, no step" => passed with { Steps = [] },
            "server FAILED, every step passed" => passed with { Verdict = "FAILED" },
            _ => passed with { Verdict = "INCOMPLETE" },
        };

        Assert.Equal(expected, CertificateWriter.Verdict(result));
        var report = CertificateWriter.Build(result, "certifier");
        Assert.Equal(expected, report.Verdict);
        Assert.Equal(expected, report.EffectiveVerdict);
    }

    [Fact]
    public void A_step_not_performed_is_an_incomplete_case_saying_so()
    {
        var report = CertificateWriter.Build(CertificationSamples.WithStepNotPerformed(), "certifier");

        var step = report.Cases[2];
        Assert.Equal(CaseOutcome.Incomplete, step.Outcome);
        Assert.Equal("not performed", Assert.Single(step.Findings).Message);
        Assert.EndsWith("step 3; never reached", step.Rule);
        Assert.Equal(1, report.Summary.Incomplete);
        Assert.False(report.AllPassed);
    }

    [Theory]
    [InlineData("verdict", "verdict: 'OK' is not PASSED, FAILED or INCOMPLETE")]
    [InlineData("vendor", "vendorName: missing")]
    [InlineData("step verdict", "steps[1].verdict: 'done' is not PASSED, FAILED or INCOMPLETE")]
    [InlineData("window", "endedAt: before startedAt")]
    [InlineData("counts", "packages, invoices, notices: must not be negative")]
    public void A_result_that_cannot_be_certified_is_refused_with_what_is_wrong(string what, string problem)
    {
        var passed = CertificationSamples.Passed();
        var result = what switch
        {
            "verdict" => passed with { Verdict = "OK" },
            "vendor" => passed with { VendorName = " " },
            "step verdict" => passed with { Steps = [passed.Steps[0], passed.Steps[1] with { Verdict = "done" }] },
            "window" => passed with { EndedAt = passed.StartedAt.AddSeconds(-1) },
            _ => passed with { Invoices = -1 },
        };

        var e = Assert.Throws<CertificationResultException>(() => CertificateWriter.Build(result, "certifier"));
        Assert.Contains(problem, e.Message);
        Assert.Contains(CertificationSamples.SessionId, e.Message);
    }

    [Fact]
    public void The_three_files_verify_against_the_certifier_with_the_signing_time_under_the_signature()
    {
        var files = CertificateWriter.Write(CertificationSamples.Passed(), fx.KeyA, new FixedClock(SignedAt));

        Assert.Equal(["certificate.json", "certificate.junit.xml", "certificate.html"], files.Select(f => f.Name));
        Assert.Equal(["application/json", "application/xml", "text/html; charset=utf-8"], files.Select(f => f.ContentType));
        foreach (var file in files)
        {
            var result = ReportVerifier.Verify(file.Bytes, [fx.KeyA.ThumbprintSha256]);
            Assert.True(result.IsValid, $"{file.Name}: {result.Integrity} {result.Reason}");
            Assert.True(result.SignedAtCovered, file.Name);
            Assert.Equal(SignedAt, result.SignedAt);
            var facts = result.Facts!;
            Assert.True(facts.IsCertification, file.Name);
            Assert.Equal("PASSED", facts.Verdict);
            Assert.Equal((CertificationSamples.Vendor, CertificationSamples.System, CertificationSamples.Version),
                (facts.Certification!.VendorName, facts.Certification.SystemName, facts.Certification.SystemVersion));
            Assert.Equal(("tvan-provider", "2025.12-3"), (facts.Certification.PlanId, facts.Certification.PlanVersion));
            Assert.Equal(fx.KeyA.Subject, facts.Certification.IssuedBy);
            Assert.Equal(new TrafficCounts(12, 36, 14), facts.Counts);
            Assert.Equal(CertificationSamples.Started, facts.Window!.RealFrom);
            Assert.Equal(new DateTimeOffset(2025, 6, 15, 20, 30, 0, TimeSpan.FromHours(7)), facts.Window.SimulatedTo);
        }
    }

    [Theory]
    [InlineData("certificate.json", "AnhSon POS Cloud", "AnhSon POS Clouds")]
    [InlineData("certificate.json", "\"verdict\": \"FAILED\"", "\"verdict\": \"PASSED\"")]
    [InlineData("certificate.json", "\"packages\": 12", "\"packages\": 13")]
    [InlineData("certificate.json", "\"signedAt\": \"2025-12-01T03:05:07.123+00:00\"", "\"signedAt\": \"2025-12-01T03:05:07.124+00:00\"")]
    [InlineData("certificate.html", "id=\"cert-system\">AnhSon POS Cloud 4.2.1<", "id=\"cert-system\">AnhSon POS Cloud 4.2.2<")]
    [InlineData("certificate.html", "\"signedAt\":\"2025-12-01T03:05:07.123+00:00\"", "\"signedAt\":\"2024-12-01T03:05:07.123+00:00\"")]
    [InlineData("certificate.junit.xml", "name=\"certification.planVersion\" value=\"2025.12-3\"", "name=\"certification.planVersion\" value=\"2025.12-4\"")]
    [InlineData("certificate.junit.xml", "name=\"signedAt\" value=\"2025-12-01T03:05:07.1230000+00:00\"", "name=\"signedAt\" value=\"2025-12-02T03:05:07.1230000+00:00\"")]
    public void Any_edit_of_a_certificate_is_refused(string file, string from, string to)
    {
        var result = CertificationSamples.Failed();
        var bytes = CertificateWriter.Write(result, fx.KeyA, new FixedClock(SignedAt)).Single(f => f.Name == file).Bytes;
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(from, text);

        var forged = ReportVerifier.Verify(Encoding.UTF8.GetBytes(text.Replace(from, to)), [fx.KeyA.ThumbprintSha256]);

        Assert.Equal(ReportIntegrity.Tampered, forged.Integrity);
        Assert.False(forged.IsValid);
    }

    [Fact]
    public void A_certificate_re_signed_with_another_key_is_refused_when_the_certifier_is_pinned()
    {
        var forged = CertificateWriter.Write(CertificationSamples.Failed() with { Verdict = "PASSED", Steps = CertificationSamples.Passed().Steps },
            fx.KeyB, new FixedClock(SignedAt), issuedBy: fx.KeyA.Subject);

        foreach (var file in forged)
        {
            var result = ReportVerifier.Verify(file.Bytes, [fx.KeyA.ThumbprintSha256]);
            Assert.Equal(ReportIntegrity.Untrusted, result.Integrity);
            Assert.Equal(fx.KeyB.ThumbprintSha256, result.Signer!.ThumbprintSha256);
        }
    }

    [Fact]
    public void A_certificate_whose_signature_leaves_the_signing_time_out_is_refused_but_an_old_self_run_report_still_verifies()
    {
        var certificate = CertificateWriter.Write(CertificationSamples.Passed(), fx.KeyA, new FixedClock(SignedAt))[0].Bytes;
        var legacyCertificate = Legacy(certificate);
        var result = ReportVerifier.Verify(legacyCertificate, [fx.KeyA.ThumbprintSha256]);
        Assert.Equal(ReportIntegrity.Tampered, result.Integrity);
        Assert.Contains("signing time covered by its signature", result.Reason);

        var selfRun = ReportWriter.Compose(ReportFixture.Sample(), fx.KeyA, SignedAt)[0].Bytes;
        var old = ReportVerifier.Verify(Legacy(selfRun), [fx.KeyA.ThumbprintSha256]);
        Assert.True(old.IsValid, old.Reason);
        Assert.False(old.SignedAtCovered);
        Assert.Equal(SignedAt, old.SignedAt);
        Assert.Equal("self-run, not a certification", old.Facts!.Standing);
    }

    [Fact]
    public void Self_run_reports_say_so_in_each_format()
    {
        var files = ReportWriter.Compose(ReportFixture.Sample(), fx.KeyA, SignedAt);
        var json = JsonNode.Parse(files[0].Bytes)!;
        Assert.Equal("self-run, not a certification", json["report"]!["standing"]!.GetValue<string>());
        Assert.Contains("<property name=\"standing\" value=\"self-run, not a certification\" />", Encoding.UTF8.GetString(files[1].Bytes));
        Assert.Contains("id=\"standing\" class=\"standing self-run\">Self-run report, not a certification", Encoding.UTF8.GetString(files[2].Bytes));
        var certificate = CertificateWriter.Write(CertificationSamples.Passed(), fx.KeyA, new FixedClock(SignedAt));
        Assert.Equal("certification", JsonNode.Parse(certificate[0].Bytes)!["report"]!["standing"]!.GetValue<string>());
    }

    /// <summary>The JSON report re-signed the way ck signed before issue 17: RSA-SHA256 over the report's bytes only.</summary>
    private byte[] Legacy(byte[] json)
    {
        var node = JsonNode.Parse(json)!;
        var text = Encoding.UTF8.GetString(json);
        var start = text.IndexOf("\"report\": ", StringComparison.Ordinal) + "\"report\": ".Length;
        var end = text.IndexOf(",\n  \"signature\"", StringComparison.Ordinal);
        var content = Encoding.UTF8.GetBytes(text[start..end]);
        var signature = node["signature"]!;
        var legacy = text[..end] + ",\n  \"signature\": " + new JsonObject
        {
            ["algorithm"] = "RSA-SHA256",
            ["certificate"] = signature["certificate"]!.GetValue<string>(),
            ["thumbprintSha256"] = signature["thumbprintSha256"]!.GetValue<string>(),
            ["signedAt"] = signature["signedAt"]!.GetValue<string>(),
            ["value"] = Convert.ToBase64String(fx.KeyA.Sign(content)),
        }.ToJsonString() + "\n}\n";
        return Encoding.UTF8.GetBytes(legacy);
    }
}

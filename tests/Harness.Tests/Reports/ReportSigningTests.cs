using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Tests.Reports;

/// <summary>Each report verifies; one changed byte, a removed signature or another key are caught.</summary>
public sealed class ReportSigningTests(ReportFixture fx) : IClassFixture<ReportFixture>
{
    [Fact]
    public async Task WriteAll_writes_the_three_reports_and_each_verifies_valid()
    {
        var written = await fx.WriteAsync();

        Assert.Equal([written.Json, written.Junit, written.Html], written.Paths);
        foreach (var path in written.Paths)
        {
            var result = ReportVerifier.VerifyFile(path, [fx.KeyA.ThumbprintSha256]);
            Assert.True(result.IsValid, $"{path}: {result.Integrity} {result.Reason}");
            Assert.Equal(fx.KeyA.ThumbprintSha256, result.Signer!.ThumbprintSha256);
            Assert.Contains("CN=ConformanceKit report signer", result.Signer.Subject);
            Assert.Equal(ReportFixture.SessionId, result.Facts!.SessionId);
            Assert.Equal(("run", 4, 2, 1, 1, "FAILED"),
                (result.Facts.Kind, result.Facts.Total, result.Facts.Passed, result.Facts.Failed, result.Facts.Errors, result.Facts.Verdict));
            Assert.Equal("2025.06", result.Facts.CatalogueVersion);
            Assert.Equal(ReportFixture.Sample().StartedAt, result.Facts.StartedAt);
        }
        Assert.Equal(ReportFormat.Json, ReportVerifier.VerifyFile(written.Json).Format);
        Assert.Equal(ReportFormat.Junit, ReportVerifier.VerifyFile(written.Junit).Format);
        Assert.Equal(ReportFormat.Html, ReportVerifier.VerifyFile(written.Html).Format);
    }

    [Fact]
    public async Task A_changed_finding_message_in_the_JSON_is_tampered()
    {
        var written = await fx.WriteAsync();
        ReportFixture.Edit(written.Json, "NNT missing", "NNT missinG");

        var result = ReportVerifier.VerifyFile(written.Json);

        Assert.Equal(ReportIntegrity.Tampered, result.Integrity);
        Assert.Equal("signature does not match the content", result.Reason);
    }

    [Fact]
    public async Task A_changed_status_in_the_JUnit_XML_is_tampered()
    {
        var written = await fx.WriteAsync();
        ReportFixture.Edit(written.Junit, "→ 404", "→ 200");

        var result = ReportVerifier.VerifyFile(written.Junit);

        Assert.Equal(ReportIntegrity.Tampered, result.Integrity);
        Assert.Equal("signature does not match the content", result.Reason);
    }

    [Fact]
    public async Task A_changed_failure_count_in_the_JUnit_XML_is_tampered()
    {
        var written = await fx.WriteAsync();
        ReportFixture.Edit(written.Junit, "failures=\"1\"", "failures=\"0\"");

        Assert.Equal(ReportIntegrity.Tampered, ReportVerifier.VerifyFile(written.Junit).Integrity);
    }

    [Fact]
    public async Task A_changed_case_outcome_in_the_HTML_is_tampered()
    {
        var written = await fx.WriteAsync();
        ReportFixture.Edit(written.Html, "<span class=\"outcome failed\">Failed</span>", "<span class=\"outcome failed\">Passed</span>");

        var result = ReportVerifier.VerifyFile(written.Html);

        Assert.Equal(ReportIntegrity.Tampered, result.Integrity);
        Assert.Equal("signature does not match the content", result.Reason);
    }

    [Fact]
    public async Task A_changed_signature_comment_or_content_after_it_in_the_HTML_is_tampered()
    {
        var written = await fx.WriteAsync();
        var original = await File.ReadAllTextAsync(written.Html);

        await File.WriteAllTextAsync(written.Html, original + "<script>alert(1)</script>\n");
        Assert.Equal(ReportIntegrity.Tampered, ReportVerifier.VerifyFile(written.Html).Integrity);

        await File.WriteAllTextAsync(written.Html, original.Replace("\"algorithm\":\"RSA-SHA256+signedAt\"", "\"algorithm\":\"RSA-SHA1\""));
        var result = ReportVerifier.VerifyFile(written.Html);
        Assert.Equal(ReportIntegrity.Tampered, result.Integrity);
        Assert.Contains("algorithm", result.Reason);
    }

    [Fact]
    public async Task A_certificate_swapped_for_another_keys_is_tampered()
    {
        var written = await fx.WriteAsync();
        var other = Convert.ToBase64String(fx.KeyB.Certificate.RawData);
        var node = JsonNode.Parse(await File.ReadAllBytesAsync(written.Json))!;
        var certificate = node["signature"]!["certificate"]!.GetValue<string>();
        var text = (await File.ReadAllTextAsync(written.Json)).Replace(certificate, other);
        await File.WriteAllTextAsync(written.Json, text);

        var result = ReportVerifier.VerifyFile(written.Json);

        Assert.Equal(ReportIntegrity.Tampered, result.Integrity);
        Assert.StartsWith("certificate", result.Reason);
    }

    [Fact]
    public async Task Removing_the_signature_leaves_an_unsigned_report()
    {
        var written = await fx.WriteAsync();

        var json = JsonNode.Parse(await File.ReadAllBytesAsync(written.Json))!.AsObject();
        json.Remove("signature");
        await File.WriteAllTextAsync(written.Json, json.ToJsonString());

        var xml = await File.ReadAllTextAsync(written.Junit);
        xml = Regex.Replace(xml, "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">.*</Signature>", "", RegexOptions.Singleline);
        await File.WriteAllTextAsync(written.Junit, xml);

        var html = await File.ReadAllTextAsync(written.Html);
        await File.WriteAllTextAsync(written.Html, html[..html.LastIndexOf(HtmlReport.SignatureMarker, StringComparison.Ordinal)]);

        foreach (var path in written.Paths)
        {
            var result = ReportVerifier.VerifyFile(path);
            Assert.Equal(ReportIntegrity.Unsigned, result.Integrity);
            Assert.Equal("no signature", result.Reason);
            Assert.Equal(ReportFixture.SessionId, result.Facts!.SessionId);
        }
    }

    [Fact]
    public async Task Another_key_is_valid_but_untrusted_when_the_first_thumbprint_is_pinned()
    {
        var written = await fx.WriteAsync(fx.KeyB);

        foreach (var path in written.Paths)
        {
            Assert.Equal(ReportIntegrity.Valid, ReportVerifier.VerifyFile(path).Integrity);
            var pinnedA = ReportVerifier.VerifyFile(path, [fx.KeyA.ThumbprintSha256]);
            Assert.Equal(ReportIntegrity.Untrusted, pinnedA.Integrity);
            Assert.Equal(fx.KeyB.ThumbprintSha256, pinnedA.Signer!.ThumbprintSha256);
            // Thumbprints as people paste them: lower case, with colons.
            var typed = string.Join(":", fx.KeyB.ThumbprintSha256.ToLowerInvariant().Chunk(2).Select(c => new string(c)));
            Assert.Equal(ReportIntegrity.Valid, ReportVerifier.VerifyFile(path, [fx.KeyA.ThumbprintSha256, typed]).Integrity);
        }
    }

    [Fact]
    public async Task Excerpts_with_CR_LF_tabs_and_control_characters_still_verify()
    {
        var sample = ReportFixture.Sample();
        var odd = sample.Cases[1] with
        {
            Findings = [new Finding { Severity = FindingSeverity.Error, Code = "1001", Message = "line\r\nbreak\tand\u0001control\r" }],
            Exchanges = [sample.Cases[1].Exchanges[0] with { ResponseExcerpt = "<a>\r\n\t\u0000x\uD800</a>\r" }],
        };
        var written = await fx.WriteAsync(report: sample with { Cases = [sample.Cases[0], odd] });

        foreach (var path in written.Paths)
        {
            var result = ReportVerifier.VerifyFile(path);
            Assert.True(result.IsValid, $"{path}: {result.Reason}");
        }
    }

    [Fact]
    public void Files_that_are_not_ck_reports_are_recognised_as_such()
    {
        Assert.Equal(ReportIntegrity.NotAReport, ReportVerifier.Verify("{\"a\":1}"u8).Integrity);
        Assert.Equal(ReportIntegrity.NotAReport, ReportVerifier.Verify("<testsuites><testsuite name=\"x\"/></testsuites>"u8).Integrity);
        Assert.Equal(ReportIntegrity.NotAReport, ReportVerifier.Verify("<!DOCTYPE html><html><body>hi</body></html>"u8).Integrity);
        Assert.Equal(ReportIntegrity.NotAReport, ReportVerifier.Verify("hello"u8).Integrity);
        Assert.Equal(ReportIntegrity.NotAReport, ReportVerifier.Verify("{ not json"u8).Integrity);
        Assert.Equal(ReportIntegrity.NotAReport, ReportVerifier.Verify("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"x\">]><x>&e;</x>"u8).Integrity);
        Assert.Equal(ReportIntegrity.NotAReport, ReportVerifier.Verify([]).Integrity);
        Assert.Equal(ReportIntegrity.NotAReport, ReportVerifier.VerifyFile(Path.Combine(fx.Root, "missing.json")).Integrity);
    }

    [Fact]
    public async Task A_second_report_member_in_the_JSON_is_refused()
    {
        var written = await fx.WriteAsync();
        var text = await File.ReadAllTextAsync(written.Json);
        var doubled = "{\"report\":{\"format\":\"ck-report/1\"}," + text.TrimStart()[1..];
        var result = ReportVerifier.Verify(Encoding.UTF8.GetBytes(doubled));
        Assert.Equal(ReportIntegrity.Tampered, result.Integrity);
    }
}

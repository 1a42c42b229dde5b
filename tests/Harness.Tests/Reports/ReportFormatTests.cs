using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Tests.Reports;

/// <summary>What each report holds: the JUnit XML for CI, the JSON model, the HTML page's text.</summary>
public sealed class ReportFormatTests(ReportFixture fx) : IClassFixture<ReportFixture>
{
    private static readonly XNamespace Dsig = "http://www.w3.org/2000/09/xmldsig#";

    [Fact]
    public async Task The_JUnit_XML_is_well_formed_with_the_right_counts_groups_and_properties()
    {
        var written = await fx.WriteAsync();
        var doc = XDocument.Load(written.Junit);
        var root = doc.Root!;

        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("4", "1", "1"), ((string)root.Attribute("tests")!, (string)root.Attribute("failures")!, (string)root.Attribute("errors")!));
        Assert.Equal("31.000", (string)root.Attribute("time")!);
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["reception", "data-check", "flow"], suites.Select(s => (string)s.Attribute("name")!));
        Assert.Equal("2", (string)suites[0].Attribute("tests")!);
        Assert.Equal(4, root.Descendants("testcase").Count());
        Assert.Equal(int.Parse((string)root.Attribute("tests")!, CultureInfo.InvariantCulture),
            suites.Sum(s => int.Parse((string)s.Attribute("tests")!, CultureInfo.InvariantCulture)));

        var properties = suites[0].Element("properties")!.Elements("property")
            .ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Equal(ReportFixture.SessionId, properties["sessionId"]);
        Assert.Equal("ck", properties["tool.name"]);
        Assert.Equal("0.4.0", properties["tool.version"]);
        Assert.Equal("2025.06", properties["catalogueVersion"]);
        Assert.Equal("http://127.0.0.1:5080", properties["target.url"]);
        Assert.Equal("in-process simulator (SQLite)", properties["target.description"]);
        Assert.Equal("2025-06-15T09:30:00.000+07:00", properties["startedAt"]);
        Assert.Equal("2025-06-15T09:30:31.000+07:00", properties["finishedAt"]);
        Assert.Equal("4", properties["option.parallel"]);

        var failed = root.Descendants("testcase").Single(t => ((string)t.Attribute("name")!).StartsWith("KTDL-2002-01 ", StringComparison.Ordinal));
        Assert.Equal("data-check", (string)failed.Attribute("classname")!);
        Assert.Equal("KTDL-2002-01 A package with a broken signature is rejected with 4001", (string)failed.Attribute("name")!);
        var failure = failed.Element("failure")!;
        Assert.Contains("4001", (string)failure.Attribute("message")!);
        Assert.Contains(ReportFixture.FailedFindingMessage, failure.Value);
        Assert.Contains("W003", failure.Value);
        var output = failed.Element("system-out")!.Value;
        Assert.Contains("[poll] GET http://127.0.0.1:5080/api/v1/messages/V0309478306ABC/responses → 404", output);
        Assert.Contains("<TNBan>Cửa hàng Ánh &amp; Sơn</TNBan>", output);

        var error = root.Descendants("testcase").Single(t => ((string)t.Attribute("name")!).StartsWith("FLOW-3001-01", StringComparison.Ordinal));
        Assert.Contains("connection refused", (string)error.Element("error")!.Attribute("message")!);
        Assert.Null(error.Element("failure"));
        Assert.Empty(root.Descendants("testcase").Where(t => ((string)t.Attribute("name")!).StartsWith("RCV", StringComparison.Ordinal))
            .SelectMany(t => t.Elements().Where(e => e.Name.LocalName is "failure" or "error")));

        // The enveloped signature is the last element of <testsuites>, and the only one.
        var signature = Assert.Single(doc.Descendants(Dsig + "Signature"));
        Assert.Same(root.Elements().Last(), signature);
        Assert.Equal("", (string)signature.Descendants(Dsig + "Reference").Single().Attribute("URI")!);
        Assert.Equal("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            (string)signature.Descendants(Dsig + "SignatureMethod").Single().Attribute("Algorithm")!);
        Assert.NotNull(signature.Descendants(Dsig + "X509Certificate").SingleOrDefault());
    }

    [Fact]
    public async Task The_JSON_round_trips_to_the_same_report_and_holds_the_signature_object()
    {
        var sample = ReportFixture.Sample();
        var written = await fx.WriteAsync(report: sample);
        var bytes = await File.ReadAllBytesAsync(written.Json);

        using var doc = JsonDocument.Parse(bytes);
        var report = doc.RootElement.GetProperty("report");
        Assert.Equal("ck-report/1", report.GetProperty("format").GetString());
        Assert.Equal("Failed", report.GetProperty("cases")[1].GetProperty("outcome").GetString());
        Assert.Equal("Error", report.GetProperty("cases")[1].GetProperty("findings")[0].GetProperty("severity").GetString());
        var signature = doc.RootElement.GetProperty("signature");
        Assert.Equal("RSA-SHA256+signedAt", signature.GetProperty("algorithm").GetString());
        Assert.Equal(fx.KeyA.ThumbprintSha256, signature.GetProperty("thumbprintSha256").GetString());
        Assert.Equal(Convert.ToBase64String(fx.KeyA.Certificate.RawData), signature.GetProperty("certificate").GetString());
        Assert.True(signature.TryGetProperty("signedAt", out _));
        Assert.Equal(256, Convert.FromBase64String(signature.GetProperty("value").GetString()!).Length);

        var back = ReportVerifier.VerifyFile(written.Json).Report!;
        Assert.Equal(sample.Summary, back.Summary);
        Assert.Equal((sample.SessionId, sample.Kind, sample.Tool, sample.Target, sample.StartedAt, sample.FinishedAt, sample.CatalogueVersion),
            (back.SessionId, back.Kind, back.Tool, back.Target, back.StartedAt, back.FinishedAt, back.CatalogueVersion));
        Assert.Equal(sample.Options, back.Options);
        Assert.Equal(sample.Cases.Select(c => (c.Id, c.Outcome, c.TitleVi)), back.Cases.Select(c => (c.Id, c.Outcome, c.TitleVi)));
        Assert.Equal(sample.Cases[1].Findings, back.Cases[1].Findings);
        Assert.Equal(sample.Cases[1].Exchanges, back.Cases[1].Exchanges);
        // Legible for people: Vietnamese and XML are not \u-escaped in the file.
        Assert.Contains("Cửa hàng Ánh &amp; Sơn", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task The_HTML_is_escaped_self_contained_and_embeds_the_report()
    {
        var written = await fx.WriteAsync();
        var html = await File.ReadAllTextAsync(written.Html);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
        Assert.Contains("&lt;TNBan&gt;Cửa hàng Ánh &amp;amp; Sơn&lt;/TNBan&gt;", html);
        Assert.Contains("Chữ ký số của người bán không hợp lệ: &lt;DSCKS&gt; &amp; NNT missing", html);
        Assert.DoesNotContain("<DSCKS>", html);
        Assert.DoesNotContain("<TDiep>", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.DoesNotContain("@import", html);
        Assert.Contains("<script type=\"application/json\" id=\"ck-report\">", html);

        var marker = html.LastIndexOf(HtmlReport.SignatureMarker, StringComparison.Ordinal);
        Assert.True(marker > html.IndexOf("</html>", StringComparison.Ordinal));
        Assert.EndsWith(" -->\n", html);
        var signature = ReportSignature.FromJson(System.Text.Encoding.UTF8.GetBytes(
            html[(marker + HtmlReport.SignatureMarker.Length)..^" -->\n".Length]))!;
        Assert.Equal(fx.KeyA.ThumbprintSha256, signature.ThumbprintSha256);

        var result = ReportVerifier.VerifyFile(written.Html);
        Assert.Equal(ReportFixture.FailedFindingMessage, result.Report!.Cases[1].Findings[0].Message);
    }

    [Fact]
    public async Task A_report_without_cases_is_still_written_and_verifies()
    {
        var empty = ReportFixture.Sample() with { Cases = [], Summary = ReportSummary.Of([], TimeSpan.Zero), Options = new Dictionary<string, string>() };
        var written = await fx.WriteAsync(report: empty);

        foreach (var path in written.Paths)
        {
            var result = ReportVerifier.VerifyFile(path);
            Assert.True(result.IsValid, $"{path}: {result.Reason}");
            Assert.Equal(("PASSED", 0), (result.Facts!.Verdict, result.Facts.Total));
        }
    }
}

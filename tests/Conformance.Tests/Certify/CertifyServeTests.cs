using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Tests.Certify;

/// <summary>
/// `ck certify serve`: the simulator as a certification server whose certificate download is signed with the
/// certifier's key — an idle session ended by the certifier downloads as an INCOMPLETE certificate that verify-report
/// accepts under the certifier's thumbprint.
/// </summary>
public sealed partial class CertifyServeTests(ReportFixture fx) : IClassFixture<ReportFixture>
{
    private const string AdminKey = "demo-admin-key"; // the demo seed's, which the server starts from

    [Fact]
    public async Task The_certificate_download_of_an_ended_session_is_signed_by_the_certifiers_key()
    {
        var inner = new StringWriter();
        var output = TextWriter.Synchronized(inner);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var serving = CkCli.RunAsync(
            ["certify", "serve", "--key", fx.KeyA.KeyPath!, "--issuer", "Certifier Ltd", "--",
             "--urls", "http://127.0.0.1:0", "--data", fx.NewFolder()],
            new CliIO(output, output, () => Stream.Null, false), stop.Token);
        try
        {
            var server = await ListeningAsync(inner, output, serving);
            using var http = new HttpClient { BaseAddress = server };
            http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);

            var created = await http.PostAsJsonAsync("admin/v1/certification/sessions",
                new { vendorName = "Công ty Ánh & Sơn", systemName = "AnhSon POS", systemVersion = "4.2.1", planId = "tvan-provider" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("sessionId").GetString()!;

            Assert.Equal(HttpStatusCode.Conflict, (await http.GetAsync($"admin/v1/certification/sessions/{id}/certificate")).StatusCode);
            Assert.True((await http.PostAsync($"admin/v1/certification/sessions/{id}/end", null)).IsSuccessStatusCode);

            var download = await http.GetAsync($"admin/v1/certification/sessions/{id}/certificate");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
            var folder = fx.NewFolder();
            using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync()))
            {
                Assert.Equal(["certificate.html", "certificate.json", "certificate.junit.xml"], zip.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
                zip.ExtractToDirectory(folder);
            }

            using var shown = new StringWriter();
            var verified = await CkCli.RunAsync(["verify-report", Path.Combine(folder, "certificate.json"), "--trust", fx.KeyA.ThumbprintSha256],
                new CliIO(shown, shown, () => Stream.Null, false), CancellationToken.None);
            Assert.True(verified == ExitCodes.Ok, shown.ToString());
            Assert.Contains("CERTIFICATION issued by Certifier Ltd", shown.ToString());
            Assert.Contains("AnhSon POS", shown.ToString());
            Assert.Contains("INCOMPLETE", shown.ToString()); // idle: never PASSED
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Ok, await serving);
        }
    }

    private static async Task<Uri> ListeningAsync(StringWriter inner, TextWriter output, Task<int> serving)
    {
        for (var waited = 0; waited < 60_000; waited += 50)
        {
            string text;
            lock (output) text = inner.ToString();
            if (Listening().Match(text) is { Success: true } m) return new Uri(m.Groups[1].Value + "/");
            if (serving.IsCompleted) Assert.Fail($"ck certify serve stopped ({await serving}): {text}");
            await Task.Delay(50);
        }
        lock (output) Assert.Fail("ck certify serve did not start listening: " + inner);
        throw new InvalidOperationException();
    }

    [GeneratedRegex(@"Certification server on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}

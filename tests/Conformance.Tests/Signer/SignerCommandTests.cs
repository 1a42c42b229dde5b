using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Provider.Signing;
using static ConformanceKit.TestSupport.SigningFixtures;

namespace ConformanceKit.Conformance.Tests.Signer;

public class SignerCommandTests
{
    [Fact]
    public async Task New_key_writes_a_pfx_the_pfx_signer_can_use()
    {
        var pfx = Path.Combine(TestFolder.Create(), "keys", "seller.pfx");

        var result = await Ck.RunAsync("signer", "new-key", "--mst", "0312345678", "--name", "Quán Cà Phê Thử", "--out", pfx, "--password", "pw");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("MST:0312345678", result.Out);
        using var signer = new PfxPackageSigner(pfx, "pw");
        Assert.Equal("0312345678", XmlSignatureVerifier.CertificateTaxCode(signer.Certificate));
        var signed = await signer.SignAsync(UnsignedPackage(1), SigningTime, CancellationToken.None);
        var check = Verify(signed!);
        Assert.True(check.IsValid, Problems(check));
    }

    [Fact]
    public async Task New_key_does_not_overwrite_without_force()
    {
        var pfx = Path.Combine(TestFolder.Create(), "seller.pfx");
        Assert.Equal(0, (await Ck.RunAsync("signer", "new-key", "--mst", "0312345678", "--name", "A", "--out", pfx)).ExitCode);
        var before = File.ReadAllBytes(pfx);

        var again = await Ck.RunAsync("signer", "new-key", "--mst", "0312345678", "--name", "B", "--out", pfx);
        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.Contains("--force", again.Error);
        Assert.Equal(before, File.ReadAllBytes(pfx));

        Assert.Equal(0, (await Ck.RunAsync("signer", "new-key", "--mst", "0312345678", "--name", "B", "--out", pfx, "--force")).ExitCode);
        Assert.NotEqual(before, File.ReadAllBytes(pfx));
    }

    [Fact]
    public async Task New_key_refuses_a_bad_tax_code()
    {
        var result = await Ck.RunAsync("signer", "new-key", "--mst", "12", "--name", "A", "--out", Path.Combine(TestFolder.Create(), "x.pfx"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("tax code", result.Error);
    }

    [Fact]
    public async Task Serve_runs_the_service_until_cancelled()
    {
        var pfx = WritePfx(TestFolder.Create(), "pw");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var synced = TextWriter.Synchronized(output);
        var io = new CliIO(synced, error, () => Stream.Null, IsTerminal: false);

        var run = CkCli.RunAsync(["signer", "serve", "--pfx", pfx, "--password", "pw", "--listen", "http://127.0.0.1:0", "--key", "k"], io, stop.Token);
        var url = await WaitForUrl(output, synced, run);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "/api/v1/certificate");
        request.Headers.Add("X-Signer-Key", "k");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal(Seller.Subject, body.GetProperty("subject").GetString());
        Assert.Contains(Seller.Subject, output.ToString());
        Assert.Contains("stopped after 0 signature(s)", output.ToString());
    }

    [Fact]
    public async Task Serve_needs_a_key_and_a_readable_pfx()
    {
        var pfx = WritePfx(TestFolder.Create(), "pw");

        var noKey = await Ck.RunAsync("signer", "serve", "--pfx", pfx, "--password", "pw", "--listen", "http://127.0.0.1:0");
        var wrongPassword = await Ck.RunAsync("signer", "serve", "--pfx", pfx, "--password", "nope", "--listen", "http://127.0.0.1:0", "--key", "k");

        Assert.Equal(ExitCodes.Usage, noKey.ExitCode);
        Assert.Contains("signer key is required", noKey.Error);
        Assert.Equal(ExitCodes.Usage, wrongPassword.ExitCode);
        Assert.Contains("wrong password", wrongPassword.Error);
    }

    private static async Task<string> WaitForUrl(StringWriter output, TextWriter synced, Task<int> run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (run.IsCompleted) Assert.Fail($"serve ended early with {await run}: {output}");
            string text;
            lock (synced) text = output.ToString(); // SyncTextWriter locks itself while writing
            var line = text.Split('\n').FirstOrDefault(l => l.Contains("remote signing service on "));
            if (line is not null) return line[(line.IndexOf(" on ", StringComparison.Ordinal) + 4)..].Trim();
            await Task.Delay(50);
        }
        throw new TimeoutException("ck signer serve printed no URL: " + output);
    }
}

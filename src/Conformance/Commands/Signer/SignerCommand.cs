using System.Security.Cryptography;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Provider.Signing;

namespace ConformanceKit.Conformance.Commands.Signer;

/// <summary>`ck signer serve` and `ck signer new-key`.</summary>
public sealed class SignerCommand(CliIO io)
{
    /// <summary>Runs the service until <paramref name="ct"/> is cancelled (Ctrl+C).</summary>
    public async Task<int> ServeAsync(string pfx, string? password, string listen, string? key, int latencyMs, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key))
            return await Usage($"a signer key is required: --key KEY or ${SignerCommandDefinition.SignerKeyVariable}");
        if (latencyMs < 0) return await Usage("--latency-ms must not be negative");
        RemoteSigningService service;
        try
        {
            service = await RemoteSigningService.StartAsync(new RemoteSigningOptions
            {
                PfxPath = pfx, PfxPassword = password, SignerKey = key, Listen = listen,
                Latency = TimeSpan.FromMilliseconds(latencyMs),
            }, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or IOException or InvalidOperationException)
        {
            return await Usage(e.Message);
        }
        await using (service)
        {
            await io.Out.WriteLineAsync($"ck signer: remote signing service on {service.Url}");
            await io.Out.WriteLineAsync($"  certificate  {service.Certificate.Subject}");
            await io.Out.WriteLineAsync($"  SHA-256      {service.ThumbprintSha256}");
            await io.Out.WriteLineAsync($"  valid        {service.Certificate.NotBefore:yyyy-MM-dd} – {service.Certificate.NotAfter:yyyy-MM-dd}");
            if (latencyMs > 0) await io.Out.WriteLineAsync($"  latency      {latencyMs} ms per signature");
            await io.Out.WriteLineAsync($"Use it with: ck provider --sign remote:{service.Url} --signer-key <KEY>. Ctrl+C stops.");
            await io.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) { /* Ctrl+C */ }
            await io.Out.WriteLineAsync($"ck signer: stopped after {service.Signatures} signature(s)");
        }
        return ExitCodes.Ok;
    }

    public int NewKey(string mst, string name, string output, string? password, bool force)
    {
        if (File.Exists(output) && !force)
            return UsageSync($"'{output}' exists; pass --force to overwrite it");
        try
        {
            // Valid from the sample dates (2024) so sample packages verify, for five years from today.
            var notBefore = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
            var notAfter = DateTimeOffset.UtcNow.AddYears(5);
            using var certificate = TestCertificates.CreateSelfSigned(name, mst, notBefore, notAfter);
            var folder = Path.GetDirectoryName(Path.GetFullPath(output));
            if (folder is not null) Directory.CreateDirectory(folder);
            File.WriteAllBytes(output, TestCertificates.ExportPfx(certificate, password));
            io.Out.WriteLine($"wrote {output}");
            io.Out.WriteLine($"  certificate  {certificate.Subject}");
            io.Out.WriteLine($"  SHA-256      {Convert.ToHexStringLower(SHA256.HashData(certificate.RawData))}");
            io.Out.WriteLine($"  valid        {certificate.NotBefore:yyyy-MM-dd} – {certificate.NotAfter:yyyy-MM-dd}");
            io.Out.WriteLine("Self-signed: fine for the simulator and tests, not for the real tax authority.");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return UsageSync(e.Message);
        }
    }

    private async Task<int> Usage(string message)
    {
        await io.Error.WriteLineAsync("error: " + message);
        return ExitCodes.Usage;
    }

    private int UsageSync(string message)
    {
        io.Error.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}

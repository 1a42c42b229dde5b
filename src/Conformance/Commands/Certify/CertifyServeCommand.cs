using ConformanceKit.Conformance.Cli;
using ConformanceKit.TaxAuthoritySim.Certification;
using ConformanceKit.TaxAuthoritySim.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ConformanceKit.Conformance.Commands.Certify;

/// <summary>
/// `ck certify serve`: the simulator as a certification server whose certificate download is signed with the
/// certifier's key (the simulator alone answers 501 there and says to sign with ck).
/// </summary>
public sealed class CertifyServeCommand(CliIO io)
{
    public async Task<int> RunAsync(string keyPath, string? issuer, string[] simulatorArgs, CancellationToken ct)
    {
        if (CertificateCommand.LoadCertifierKey(keyPath, out var problem) is not { } signer)
        {
            await io.Error.WriteLineAsync("error: " + problem);
            return ExitCodes.Usage;
        }
        using (signer)
        {
            WebApplication app;
            try
            {
                app = SimulatorApp.Build(simulatorArgs, b => b.Services.AddSingleton<ICertificateIssuer>(new SignedCertificateIssuer(signer, issuer)));
                await app.StartAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await io.Error.WriteLineAsync("error: " + StartupError.Describe(ex));
                return ExitCodes.Usage;
            }
            await using (app)
            {
                await io.Out.WriteLineAsync($"Certification server on {string.Join(", ", app.Urls)}; certificates signed by {signer.Subject} " +
                                            $"(SHA-256 {signer.ThumbprintSha256}). Certifier's page: /certification. Ctrl+C stops.");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                }
                await app.StopAsync(CancellationToken.None);
            }
        }
        return ExitCodes.Ok;
    }
}

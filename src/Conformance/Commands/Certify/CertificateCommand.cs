using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Harness.Certification;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Conformance.Commands.Certify;

/// <summary>`ck certify certificate` and `ck certify new-key`; testable without a console.</summary>
public sealed class CertificateCommand(CliIO io)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The certifier's key from its PFX; null and the usage problem when there is none or it cannot sign.</summary>
    public static ReportSigner? LoadCertifierKey(string keyPath, out string? problem)
    {
        problem = null;
        try
        {
            return ReportSigner.Load(keyPath);
        }
        catch (FileNotFoundException)
        {
            problem = $"no key file {Path.GetFullPath(keyPath)}: make the certifier's key with 'ck certify new-key --out {keyPath} --name NAME'";
        }
        catch (InvalidOperationException ex)
        {
            problem = ex.Message;
        }
        return null;
    }

    public async Task<int> ExecuteAsync(string server, string adminKey, string sessionId, string keyPath, string outDirectory,
        string? issuer, CancellationToken ct)
    {
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            return await Usage($"--server must be an http(s) URL, e.g. http://127.0.0.1:5080 (got '{server}')");
        if (string.IsNullOrWhiteSpace(sessionId)) return await Usage("--session must name a certification session");
        if (LoadCertifierKey(keyPath, out var problem) is not { } signer) return await Usage(problem!);
        using (signer)
        {
            CertificationSessionResult result;
            using (var http = new HttpClient { BaseAddress = baseUri, Timeout = RequestTimeout })
            {
                try
                {
                    await io.Out.WriteLineAsync($"Fetching the result of session {sessionId} from {baseUri} …");
                    result = await new AuthorityAdminClient(http, adminKey).GetCertificationResultAsync(sessionId, ct);
                }
                catch (AuthorityApiException e) when (e.Status == HttpStatusCode.Unauthorized)
                {
                    return await Harness($"the server at {baseUri} refused the admin key (401); pass --admin-key or set CK_ADMIN_KEY");
                }
                catch (AuthorityApiException e) when (e.Status == HttpStatusCode.NotFound)
                {
                    return await Usage($"the server at {baseUri} knows no certification session '{sessionId}' (404{Detail(e)})");
                }
                catch (AuthorityApiException e)
                {
                    return await Harness($"the server answered {(int)e.Status} {e.Status} for session '{sessionId}'{Detail(e)}");
                }
                catch (HttpRequestException e)
                {
                    return await Harness($"cannot reach the server at {baseUri}: {e.Message}");
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    return await Harness($"the server at {baseUri} did not answer within {RequestTimeout.TotalSeconds:0} s");
                }
                catch (Exception e) when (e is JsonException or NotSupportedException)
                {
                    return await Harness($"the server's answer is not a certification result: {e.Message}");
                }
            }

            IReadOnlyList<string> paths;
            try
            {
                paths = await CertificateWriter.WriteAllAsync(result, signer, outDirectory, issuedBy: issuer, source: baseUri.ToString(), ct: ct);
            }
            catch (CertificationResultException e)
            {
                return await Harness(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                return await Harness($"cannot write the certificate to {outDirectory}: {e.Message}");
            }

            var verdict = CertificateWriter.Verdict(result);
            var o = io.Out;
            await o.WriteLineAsync($"Certificate for {result.VendorName} — {result.SystemName} {result.SystemVersion} (sender {result.Sender})");
            await o.WriteLineAsync($"  plan {result.PlanId} version {result.PlanVersion}, session {result.SessionId}");
            await o.WriteLineAsync($"  {result.Packages} package(s), {result.Invoices} invoice(s), {result.Notices} notice(s)");
            foreach (var step in result.Steps)
                await o.WriteLineAsync($"  {step.Verdict,-10} {step.StepId}  {step.Title}");
            await o.WriteLineAsync($"Verdict: {verdict}" + (verdict != result.Verdict ? $" (the server said {result.Verdict})" : ""));
            foreach (var path in paths) await o.WriteLineAsync("certificate: " + path);
            await o.WriteLineAsync($"signed by {signer.Subject}, SHA-256 {signer.ThumbprintSha256}");
            return verdict switch
            {
                CertificationVerdicts.Passed => ExitCodes.Ok,
                CertificationVerdicts.Incomplete => ExitCodes.Incomplete,
                _ => ExitCodes.Failed,
            };
        }
    }

    public int NewKey(string output, string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return UsageSync("--name must name the certifier");
        try
        {
            using var signer = ReportSigner.Create(output, name);
            io.Out.WriteLine($"key: {signer.KeyPath}");
            io.Out.WriteLine($"subject: {signer.Subject}");
            io.Out.WriteLine($"SHA-256: {signer.ThumbprintSha256}");
            io.Out.WriteLine("Publish this thumbprint: certificates are checked with 'ck verify-report FILE --trust " + signer.ThumbprintSha256 + "'.");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or InvalidOperationException)
        {
            return UsageSync($"cannot write the key {output}: {e.Message}");
        }
    }

    private static string Detail(AuthorityApiException e) =>
        e.Problem?.Detail is { Length: > 0 } d ? ": " + d : "";

    private int UsageSync(string message)
    {
        io.Error.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }

    private async Task<int> Usage(string message)
    {
        await io.Error.WriteLineAsync("error: " + message);
        return ExitCodes.Usage;
    }

    private async Task<int> Harness(string message)
    {
        await io.Error.WriteLineAsync("error: " + message);
        return ExitCodes.HarnessError;
    }
}

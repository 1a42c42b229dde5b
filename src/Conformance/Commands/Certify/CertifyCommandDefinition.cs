using System.CommandLine;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Conformance.Commands.Observe;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Conformance.Commands.Certify;

/// <summary>The options of `ck certify certificate | new-key`; the work is in <see cref="CertificateCommand"/>.</summary>
public static class CertifyCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var certify = new Command("certify",
            "The certifier's side of a certification session: make the certifier's signing key, and issue the signed " +
            "certificate of a judged session. See docs/certification.md and docs/reports.md.");
        certify.Subcommands.Add(Certificate(io));
        certify.Subcommands.Add(NewKey(io));
        certify.Subcommands.Add(Serve(io));
        return certify;
    }

    private static Command Certificate(CliIO io)
    {
        var server = new Option<string>("--server") { Description = "base URL of the certification server (the simulator), e.g. http://127.0.0.1:5080", Required = true };
        var adminKey = new Option<string>("--admin-key")
        {
            Description = $"the server's admin key (X-Admin-Key; default: ${ObserveCommandDefinition.AdminKeyVariable}, else {DemoData.AdminKey})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ObserveCommandDefinition.AdminKeyVariable) is { Length: > 0 } k ? k : DemoData.AdminKey,
        };
        var session = new Option<string>("--session") { Description = "the certification session's id", Required = true };
        var key = new Option<string>("--key") { Description = "the certifier's PFX (ck certify new-key makes one); password in $CK_REPORT_KEY_PASSWORD", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "folder for the certificate", DefaultValueFactory = _ => "ck-certificate" };
        var issuer = new Option<string?>("--issuer") { Description = "the certifier's name on the certificate (default: the key's certificate subject)" };
        var command = new Command("certificate",
            "Fetch a certification session's judged result (GET /admin/v1/certification/sessions/{id}/result) and write its " +
            "certificate — certificate.json, certificate.junit.xml, certificate.html — signed with the certifier's key, the " +
            "signing time under the signature. The verdict is never PASSED with a step not performed or no traffic. Check it " +
            "with 'ck verify-report certificate.json --trust THUMBPRINT'.\n\n" +
            "Exit codes: 0 PASSED, 1 FAILED, 4 INCOMPLETE (the certificate is written in all three), 2 usage error (bad URL, " +
            "no key file, unknown session), 3 harness failure (server unreachable, admin key refused, result unusable, files " +
            "cannot be written).")
        {
            server, adminKey, session, key, output, issuer,
        };
        command.SetAction((ParseResult r, CancellationToken ct) => new CertificateCommand(io).ExecuteAsync(
            r.GetValue(server)!, r.GetValue(adminKey)!, r.GetValue(session)!, r.GetValue(key)!, r.GetValue(output)!,
            r.GetValue(issuer), ct));
        return command;
    }

    private static Command Serve(CliIO io)
    {
        var key = new Option<string>("--key") { Description = "the certifier's PFX that signs the certificates the server's pages and API hand out; password in $CK_REPORT_KEY_PASSWORD", Required = true };
        var issuer = new Option<string?>("--issuer") { Description = "the certifier's name on the certificates (default: the key's certificate subject)" };
        var command = new Command("serve",
            "Run the simulator as a certification server (sessions, plans, the certifier's page /certification, the vendor's " +
            "page /certification/session) whose certificate download (GET /admin/v1/certification/sessions/{id}/certificate) " +
            "is a zip of certificate.json, .junit.xml and .html signed with the certifier's key. Every other option goes to " +
            "the simulator: ck certify serve --key certifier.pfx -- --seed certifier-seed.json --data DIR --urls URL.\n\n" +
            "Exit codes: 0 stopped (Ctrl+C), 2 usage error (no key file, a mistake in the simulator's options or seed).")
        {
            key, issuer,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((ParseResult r, CancellationToken ct) =>
            new CertifyServeCommand(io).RunAsync(r.GetValue(key)!, r.GetValue(issuer), [.. r.UnmatchedTokens], ct));
        return command;
    }

    private static Command NewKey(CliIO io)
    {
        var output = new Option<string>("--out", "-o") { Description = "the PFX file to write (refused if it exists); password from $CK_REPORT_KEY_PASSWORD", Required = true };
        var name = new Option<string>("--name") { Description = "the certifier's name, written as O= in the key's certificate", Required = true };
        var command = new Command("new-key",
            "Make a certifier's signing key: RSA-2048 with a self-signed certificate naming the certifier, as a PFX. Prints " +
            "the SHA-256 thumbprint vendors and authorities pin with 'ck verify-report --trust'.\n\n" +
            "Exit codes: 0 written, 2 usage error or file exists.")
        {
            output, name,
        };
        command.SetAction((ParseResult r, CancellationToken _) =>
            Task.FromResult(new CertificateCommand(io).NewKey(r.GetValue(output)!, r.GetValue(name)!)));
        return command;
    }
}

using System.CommandLine;
using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Commands.Signer;

/// <summary>The options of `ck signer serve | new-key`; the work is in <see cref="SignerCommand"/>.</summary>
public static class SignerCommandDefinition
{
    public const string SignerKeyVariable = "CK_SIGNER_KEY";

    public static Command Create(CliIO io)
    {
        var signer = new Command("signer",
            "Signing keys for the provider: run a remote signing service (HSM-like) or make a self-signed seller key. " +
            "See docs/signing.md.");
        signer.Subcommands.Add(Serve(io));
        signer.Subcommands.Add(NewKey(io));
        return signer;
    }

    private static Command Serve(CliIO io)
    {
        var pfx = new Option<string>("--pfx") { Description = "PFX file with the seller's certificate and RSA private key", Required = true };
        var password = new Option<string?>("--password") { Description = "password of the PFX file" };
        var listen = new Option<string>("--listen")
        {
            Description = "URL to listen on (port 0 picks a free one)", DefaultValueFactory = _ => "http://127.0.0.1:5090",
        };
        var key = new Option<string?>("--key")
        {
            Description = $"the signer key clients must send in X-Signer-Key (default: ${SignerKeyVariable})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(SignerKeyVariable) is { Length: > 0 } k ? k : null,
        };
        var latency = new Option<int>("--latency-ms") { Description = "artificial delay per signature, to imitate an HSM", DefaultValueFactory = _ => 0 };
        var command = new Command("serve",
            "Run a remote signing service until Ctrl+C: it holds the key, never exports it, and signs SHA-256 digests " +
            "for clients presenting the signer key (GET /api/v1/certificate, POST /api/v1/sign, GET /api/v1/status).\n\n" +
            "Exit codes: 0 stopped, 2 usage error, unreadable PFX or address in use.")
        {
            pfx, password, listen, key, latency,
        };
        command.SetAction((ParseResult r, CancellationToken ct) => new SignerCommand(io).ServeAsync(
            r.GetValue(pfx)!, r.GetValue(password), r.GetValue(listen)!, r.GetValue(key), r.GetValue(latency), ct));
        return command;
    }

    private static Command NewKey(CliIO io)
    {
        var mst = new Option<string>("--mst") { Description = "the seller's tax code (10 digits or 10-3 digits)", Required = true };
        var name = new Option<string>("--name") { Description = "the seller's name (certificate CN and O)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "the PFX file to write", Required = true };
        var password = new Option<string?>("--password") { Description = "password to protect the PFX with (default: none)" };
        var force = new Option<bool>("--force") { Description = "overwrite an existing file" };
        var command = new Command("new-key",
            "Create a self-signed seller certificate with an RSA-2048 key (MST in the subject, like Vietnamese signing " +
            "certificates) as a PFX, to try the pfx and remote signing modes offline. Not accepted by the real tax authority.\n\n" +
            "Exit codes: 0 written, 2 usage error or file exists.")
        {
            mst, name, output, password, force,
        };
        command.SetAction((ParseResult r, CancellationToken _) => Task.FromResult(new SignerCommand(io).NewKey(
            r.GetValue(mst)!, r.GetValue(name)!, r.GetValue(output)!, r.GetValue(password), r.GetValue(force))));
        return command;
    }
}

using System.CommandLine;
using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Commands.Provider;

/// <summary>The options of `ck provider [flush | status | retry]` and `ck sign`; the work is in <see cref="ProviderCommand"/>.</summary>
public static class ProviderCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var run = new ProviderRunOptions();
        var command = new Command("provider",
            "Run the reference provider (e-invoice software / T-VAN) until Ctrl+C: a JSON API for POS systems " +
            "(POST /api/v1/sales), optional folder and table importers, batching into 206 packages, signing, sending " +
            "with retries, and handling of 999 and 204. See docs/provider.md.\n\n" +
            "Exit codes: 0 stopped, 2 usage error, store in use or address in use.");
        run.AddTo(command);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            ConformanceKit.Provider.ProviderOptions options;
            try
            {
                options = run.Options(r);
            }
            catch (FormatException e)
            {
                await io.Error.WriteLineAsync("error: --end-of-day must be HH:mm: " + e.Message);
                return ExitCodes.Usage;
            }
            return await new ProviderCommand(io).RunAsync(options, r.GetValue(run.Listen)!, r.GetValue(run.Sign), r.GetValue(run.SignPassword),
                r.GetValue(run.SignerKey), r.GetValue(run.Watch), r.GetValue(run.PollTable), TimeSpan.FromSeconds(r.GetValue(run.ImportInterval)), ct);
        });
        command.Subcommands.Add(Call(io, "flush", "Package everything waiting now (manual sync).", (c, u, _, ct) => c.FlushAsync(u, ct)));
        command.Subcommands.Add(Call(io, "status", "Print a running provider's counts per state, signer, target and last problem.",
            (c, u, _, ct) => c.StatusAsync(u, ct)));
        command.Subcommands.Add(Call(io, "retry", "Send held invoices again (after fixing registration, certificate or contract).",
            (c, u, all, ct) => c.RetryAsync(u, all, ct), withRejected: true));
        return command;
    }

    /// <summary>`ck sign`: the deferred (USB token) signing mode's other half.</summary>
    public static Command Sign(CliIO io)
    {
        var provider = ProviderUrl();
        var pfx = new Option<string>("--pfx") { Description = "the seller's key (stands in for the USB token)", Required = true };
        var password = new Option<string?>("--password") { Description = "the PFX's password (the token's PIN)" };
        var command = new Command("sign",
            "Sign the packages waiting in a provider's to-sign queue (--sign token) and hand them back to be sent.\n\n" +
            "Exit codes: 0 all signed, 1 some refused, 2 usage error, 3 provider unreachable.") { provider, pfx, password };
        command.SetAction((ParseResult r, CancellationToken ct) =>
            new ProviderCommand(io).SignAsync(r.GetValue(provider)!, r.GetValue(pfx)!, r.GetValue(password), ct));
        return command;
    }

    private static Option<Uri> ProviderUrl() => HttpUrl.Option("--provider", "the running provider's API", "http://127.0.0.1:5070/");

    private static Command Call(CliIO io, string name, string description, Func<ProviderCommand, Uri, bool, CancellationToken, Task<int>> call,
        bool withRejected = false)
    {
        var provider = ProviderUrl();
        var rejected = new Option<bool>("--include-rejected") { Description = "also resend invoices the authority rejected" };
        var command = new Command(name, description) { provider };
        if (withRejected) command.Options.Add(rejected);
        command.SetAction((ParseResult r, CancellationToken ct) =>
            call(new ProviderCommand(io), r.GetValue(provider)!, withRejected && r.GetValue(rejected), ct));
        return command;
    }
}

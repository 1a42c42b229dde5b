using System.CommandLine;
using ConformanceKit.Conformance.Cli;
using System.CommandLine.Parsing;

namespace ConformanceKit.Conformance.Commands.ProviderSim;

/// <summary>The options of `ck provider-sim`; the work is in <see cref="ProviderSimCommand"/>.</summary>
public static class ProviderSimCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var profile = new Option<string?>("--profile") { Description = "the market provider to simulate (see --list), e.g. viettel-sinvoice, misa-meinvoice" };
        var list = new Option<bool>("--list") { Description = "list the profiles and their ready faults, and stop" };
        var urls = new Option<string>("--urls")
        {
            Description = "where the POS reaches the simulated provider (WireMock.Net; admin API at /__admin/)",
            DefaultValueFactory = _ => "http://127.0.0.1:5095",
        };
        var provider = new Option<Uri?>("--provider")
        {
            Description = "a running reference provider's API (ck provider) to issue through; default: start one in-process, with a tax-authority simulator",
            CustomParser = Url,
        };
        var authority = new Option<Uri?>("--authority")
        {
            Description = "with the in-process provider: send to this authority instead of starting a simulator",
            CustomParser = Url,
        };
        var profiles = new Option<string?>("--profiles") { Description = "the folder of profiles (default: the profiles shipped next to ck)" };
        var data = new Option<string?>("--data") { Description = "with the in-process provider: where its store and the simulator's go (default: a temporary folder)" };
        var output = new Option<string?>("--out", "-o") { Description = "on stop, write the signed reports of the judgement of what the POS sent into this folder" };
        var signingKey = new Option<string?>("--signing-key") { Description = "PFX file to sign the reports with (default: your default report key)" };
        var fault = new Option<string[]>("--fault") { Description = "turn a ready fault on from the start (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("provider-sim",
            "Simulate a market e-invoice provider's API (Viettel SInvoice, MISA meInvoice … as unofficial reconstructions) on WireMock.Net, " +
            "answered by the reference provider: the POS gets real invoice codes and the authority's acceptance. Faults on demand through " +
            "the admin API (/__admin/scenarios/fault-NAME/state). Runs until Ctrl+C. See docs/provider-sim.md.\n\n" +
            "Exit codes: 0 stopped (or listed), 1 with --out: the judgement of what the POS sent failed, 2 usage error or a profile " +
            "that does not load, 3 the provider or simulator would not start, or the reports could not be written.")
        {
            profile, list, urls, provider, authority, profiles, data, fault, output, signingKey,
        };
        command.SetAction((ParseResult r, CancellationToken ct) =>
        {
            var work = new ProviderSimCommand(io, r.GetValue(profiles));
            return r.GetValue(list)
                ? work.ListAsync()
                : work.RunAsync(r.GetValue(profile), r.GetValue(urls)!, r.GetValue(provider), r.GetValue(authority), r.GetValue(data),
                    r.GetValue(fault) ?? [], r.GetValue(output), r.GetValue(signingKey), ct);
        });
        command.Subcommands.Add(Record(io));
        command.Subcommands.Add(Replay(io));
        return command;
    }

    private static Command Record(CliIO io)
    {
        var target = new Option<Uri>("--target") { Description = "the provider to record (its sandbox, or a stand-in)", Required = true, CustomParser = r => Url(r) };
        var output = new Option<string>("--out") { Description = "where the recorded mappings go (DIR/mappings/*.json)", Required = true };
        var urls = new Option<string>("--urls") { Description = "where the POS reaches the recording proxy", DefaultValueFactory = _ => "http://127.0.0.1:5096" };
        var byRoute = new Option<bool>("--by-route") { Description = "replay by method, path and query only (do not match request bodies)" };
        var command = new Command("record",
            "Proxy a POS's calls to a provider and record every exchange; on Ctrl+C write them as mapping files, with credentials " +
            "(passwords, tokens, app ids, Authorization) and the buyer's personal data scrubbed. Review the files before sharing them.")
        {
            target, output, urls, byRoute,
        };
        command.SetAction((ParseResult r, CancellationToken ct) =>
            new ProviderSimCommand(io, null).RecordAsync(r.GetValue(target)!, r.GetValue(output)!, r.GetValue(urls)!, !r.GetValue(byRoute), ct));
        return command;
    }

    private static Command Replay(CliIO io)
    {
        var folder = new Argument<string>("folder") { Description = "a recording (or any folder of WireMock.Net mapping files)" };
        var urls = new Option<string>("--urls") { Description = "where the POS reaches it", DefaultValueFactory = _ => "http://127.0.0.1:5095" };
        var command = new Command("replay", "Serve recorded mappings offline until Ctrl+C (WireMock.Net, admin API at /__admin/).") { folder, urls };
        command.SetAction((ParseResult r, CancellationToken ct) => new ProviderSimCommand(io, null).ReplayAsync(r.GetValue(folder)!, r.GetValue(urls)!, ct));
        return command;
    }

    private static Uri? Url(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri;
        result.AddError($"'{text}' is not an http(s) URL");
        return null;
    }
}

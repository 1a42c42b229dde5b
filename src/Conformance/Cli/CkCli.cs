using System.CommandLine;
using ConformanceKit.Conformance.Commands.Run;
using ConformanceKit.Conformance.Commands.Sample;
using ConformanceKit.Conformance.Commands.Validate;

namespace ConformanceKit.Conformance.Cli;

/// <summary>Builds the ck command tree and runs it with ck's exit-code conventions.</summary>
public static class CkCli
{
    public static RootCommand Create(CliIO io)
    {
        var root = new RootCommand(
            "ck — ConformanceKit for Vietnam's cash-register e-invoices (hóa đơn điện tử khởi tạo từ máy tính tiền).\n" +
            "Run the conformance catalogue against the simulator or your own endpoint, validate messages, make samples.");
        root.Subcommands.Add(RunCommandDefinition.Create(io));
        root.Subcommands.Add(ValidateCommandDefinition.Create(io));
        root.Subcommands.Add(SampleCommandDefinition.Create(io));
        root.Subcommands.Add(Commands.VerifyReport.VerifyReportCommandDefinition.Create(io));
        root.Subcommands.Add(Commands.Observe.ObserveCommandDefinition.Create(io));
        root.Subcommands.Add(Commands.Pos.PosCommandDefinition.Create(io));
        root.Subcommands.Add(Commands.Provider.ProviderCommandDefinition.Create(io));
        root.Subcommands.Add(Commands.Provider.ProviderCommandDefinition.Sign(io));
        root.Subcommands.Add(Commands.Signer.SignerCommandDefinition.Create(io));
        root.Subcommands.Add(Commands.Chaos.ChaosCommandDefinition.Create(io));
        root.Subcommands.Add(Commands.Load.LoadCommandDefinition.Create(io));
        root.Subcommands.Add(Commands.ProviderSim.ProviderSimCommandDefinition.Create(io));
        // Issue 17: the certifier's side (certificates).
        root.Subcommands.Add(Commands.Certify.CertifyCommandDefinition.Create(io));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliIO io, CancellationToken cancellationToken = default)
    {
        var root = Create(io);
        var parsed = root.Parse(args);
        var config = new InvocationConfiguration { Output = io.Out, Error = io.Error };
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parsed.Errors)
                await io.Error.WriteLineAsync("error: " + error.Message);
            await io.Error.WriteLineAsync("Run 'ck --help' or 'ck <command> --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(config, cancellationToken);
    }
}

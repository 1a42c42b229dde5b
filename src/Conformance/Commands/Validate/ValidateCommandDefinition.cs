using System.CommandLine;
using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Commands.Validate;

/// <summary>The options of `ck validate`; the work is in <see cref="ValidateCommand"/>.</summary>
public static class ValidateCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "XML files, folders (every *.xml below them) or '-' for standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new OutputFormat();
        var noSignatures = new Option<bool>("--no-signatures") { Description = "skip XML signature verification" };
        var noAdvisory = new Option<bool>("--no-advisory") { Description = "skip the advisory arithmetic checks W001–W004" };
        var blocks = new Option<string[]>("--blocks")
        {
            Description = "code blocks (C5–C9) issued to the taxpayer; codes outside them are reported as 7002",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("validate",
            "Validate e-invoice messages (206 packages, 999, 204, 100, 102, 103, 303, 301, 302) against the kit's XSDs " +
            "and the rules a schema cannot state (MST check digit, cash-register code parts, SLuong, repeated codes), " +
            "verify their XML signatures, and list every finding with its code, line:column and element path.\n\n" +
            "Exit codes: 0 all valid (warnings allowed), 1 at least one invalid, 2 unreadable input or usage error.")
        {
            paths, noSignatures, noAdvisory, blocks,
        };
        format.AddTo(command);
        command.SetAction((result, _) =>
        {
            var run = new ValidateCommand(
                result.GetValue(paths) ?? [],
                format.IsJson(result),
                !result.GetValue(noSignatures),
                !result.GetValue(noAdvisory),
                result.GetValue(blocks),
                io);
            return Task.FromResult(run.Execute());
        });
        return command;
    }
}

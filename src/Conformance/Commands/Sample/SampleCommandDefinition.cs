using System.CommandLine;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Conformance.Commands.Sample;

/// <summary>`ck sample package` and `ck sample set`.</summary>
public static class SampleCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var command = new Command("sample", "Write sample messages: a signed 206 package, or the whole sample set with expected findings.");
        command.Subcommands.Add(Package(io));
        command.Subcommands.Add(Set(io));
        return command;
    }

    private static Command Package(CliIO io)
    {
        var invoices = new Option<int>("--invoices", "-n") { Description = "number of invoices in the package (1–5000)", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--out", "-o") { Description = "file to write ('-' for standard output)", Required = true };
        var cert = new Option<string?>("--cert") { Description = "PFX file with the seller's certificate and key (default: a test certificate made now)" };
        var password = new Option<string?>("--password") { Description = "password of the PFX file" };
        var mst = new Option<string>("--mst") { Description = "seller MST", DefaultValueFactory = _ => DemoData.TaxCode };
        var block = new Option<string>("--block") { Description = "code block (C5–C9) issued to the seller", DefaultValueFactory = _ => DemoData.CodeBlock };
        var sender = new Option<string>("--sender") { Description = "MNGui: the T-VAN (V+MST) or the seller (K+MST)", DefaultValueFactory = _ => DemoData.TvanCode };
        var date = new Option<string?>("--date") { Description = "invoice date YYYY-MM-DD (default: today, GMT+7)" };
        var first = new Option<long>("--first-serial") { Description = "first 11-digit serial (C10–C20)", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "seed for the generated line items", DefaultValueFactory = _ => 1 };

        var command = new Command("package",
            "Write a valid, signed 206 package of cash-register invoices for the demo taxpayer " +
            $"(MST {DemoData.TaxCode}, block {DemoData.CodeBlock}, T-VAN {DemoData.TvanCode}); the simulator's demo seed accepts it.")
        {
            invoices, output, cert, password, mst, block, sender, date, first, seed,
        };
        command.SetAction((r, _) => Task.FromResult(new SamplePackageCommand(
            r.GetValue(invoices), r.GetValue(output)!, r.GetValue(cert), r.GetValue(password), r.GetValue(mst)!,
            r.GetValue(block)!, r.GetValue(sender)!, r.GetValue(date), r.GetValue(first), r.GetValue(seed), io).Execute()));
        return command;
    }

    private static Command Set(CliIO io)
    {
        var output = new Option<string>("--out", "-o") { Description = "folder to write into", DefaultValueFactory = _ => "samples" };
        var command = new Command("set",
            "Write the sample set: valid packages under valid/ (the clean form and the shapes production senders use, " +
            "docs/compatibility.md), and under invalid/ one variant per error code (3001, 3002, 3003, 4001, 4002, 6001, " +
            "7001, 7003, 7004, 7006) plus shapes with an empty mandatory element, and the Form 04/SS-HĐĐT (303) samples about 206-valid's invoices (303-valid, 303-3001-no-reason, 303-4002-tampered), each beside <name>.expected.json.")
        {
            output,
        };
        command.SetAction((r, _) =>
        {
            SampleSetWriter.Write(r.GetValue(output)!, xml => io.Error.WriteLine($"wrote {xml}"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}

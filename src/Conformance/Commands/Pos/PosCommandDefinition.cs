using System.CommandLine;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Conformance.Commands.Pos;

/// <summary>The options of `ck pos sell | list | soak`; the work is in <see cref="PosCommand"/>.</summary>
public static class PosCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var pos = new Command("pos",
            "The reference cash register: issue cash-register invoices with durable, gap-free codes from a block.");
        pos.Subcommands.Add(Sell(io));
        pos.Subcommands.Add(List(io));
        pos.Subcommands.Add(Soak(io));
        return pos;
    }

    private static Command Sell(CliIO io)
    {
        var register = new PosRegisterOptions();
        var lines = new Option<string[]>("--line")
        {
            Description = "a line \"name;unit;quantity;price;rate[;discount]\", rate 0%, 5%, 8%, 10%, KCT or KKKNT (repeat for more)",
            AllowMultipleArgumentsPerToken = false, Required = true,
        };
        var discount = new Option<string?>("--discount") { Description = "a trade discount (TChat 3) \"name;amount;rate\"" };
        var promotions = new Option<string[]>("--promotion")
        {
            Description = "goods given away (TChat 2) \"name;unit;quantity\" (repeat for more)", AllowMultipleArgumentsPerToken = false,
        };
        var buyerName = new Option<string?>("--buyer-name") { Description = "the buyer's name" };
        var buyerAddress = new Option<string?>("--buyer-address") { Description = "the buyer's address" };
        var buyerMst = new Option<string?>("--buyer-mst") { Description = "the buyer's tax code" };
        var buyerId = new Option<string?>("--buyer-id") { Description = "the buyer's personal ID number (CCCD)" };
        var buyerPhone = new Option<string?>("--buyer-phone") { Description = "the buyer's phone" };
        var format = new OutputFormat();

        var command = new Command("sell", "Issue one invoice for a sale and print its code and totals.\n\n" +
            "Exit codes: 0 issued, 2 usage error or a sale that cannot be invoiced.");
        register.AddTo(command);
        foreach (var option in new Option[] { lines, discount, promotions, buyerName, buyerAddress, buyerMst, buyerId, buyerPhone })
            command.Options.Add(option);
        format.AddTo(command);
        command.SetAction((ParseResult r, CancellationToken _) =>
        {
            var sell = new PosCommand(io, r.GetValue(register.Db)!);
            return Task.FromResult(sell.Sell(register.Config(r), () => new Sale
            {
                Lines = (r.GetValue(lines) ?? []).Select(SaleLineParser.ParseLine).ToList(),
                Discount = r.GetValue(discount) is { } d ? SaleLineParser.ParseDiscount(d) : null,
                Promotions = (r.GetValue(promotions) ?? []).Select(SaleLineParser.ParsePromotion).ToList(),
                Buyer = Buyer(r.GetValue(buyerName), r.GetValue(buyerAddress), r.GetValue(buyerMst), r.GetValue(buyerId), r.GetValue(buyerPhone)),
            }, format.IsJson(r)));
        });
        return command;
    }

    private static Command List(CliIO io)
    {
        var db = PosRegisterOptions.DbOption();
        var format = new OutputFormat();
        var command = new Command("list", "List the invoices a register file has issued.") { db };
        format.AddTo(command);
        command.SetAction((ParseResult r, CancellationToken _) =>
            Task.FromResult(new PosCommand(io, r.GetValue(db)!).List(format.IsJson(r))));
        return command;
    }

    /// <summary>Test-only: issues invoices until the file holds COUNT; the crash tests kill it at random.</summary>
    private static Command Soak(CliIO io)
    {
        var register = new PosRegisterOptions();
        var count = new Option<int>("--count") { Description = "stop once the file holds this many invoices", Required = true };
        var command = new Command("soak", "Issue invoices until the file holds --count (for crash tests).") { Hidden = true };
        register.AddTo(command);
        command.Options.Add(count);
        command.SetAction((ParseResult r, CancellationToken ct) =>
            Task.FromResult(new PosCommand(io, r.GetValue(register.Db)!).Soak(register.Config(r), r.GetValue(count), ct)));
        return command;
    }

    private static Buyer? Buyer(string? name, string? address, string? mst, string? id, string? phone) =>
        name is null && address is null && mst is null && id is null && phone is null ? null : new Buyer(name, address, mst, id, phone);
}

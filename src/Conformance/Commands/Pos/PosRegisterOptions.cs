using System.CommandLine;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Conformance.Commands.Pos;

/// <summary>The options naming the store and the register, shared by `ck pos sell` and `ck pos soak`.</summary>
public sealed class PosRegisterOptions
{
    public Option<string> Db { get; } = DbOption();

    public Option<string> Mst { get; } = new("--mst") { Description = "the seller's tax code (MST)", Required = true };

    public Option<string> Block { get; } = new("--block")
    {
        Description = "the code block (C5–C9) the tax authority issued, 5 characters A–Z/0–9", Required = true,
    };

    public Option<string> Register { get; } = new("--register")
    {
        Description = "the register's id; registers sharing a block share its numbering", DefaultValueFactory = _ => "quay-1",
    };

    public Option<int> Form { get; } = new("--form")
    {
        Description = "KHMSHDon: 1 VAT invoice, 2 sales invoice", DefaultValueFactory = _ => 1,
    };

    public Option<string> Series { get; } = new("--series")
    {
        Description = "KHHDon characters 5–6, chosen by the seller", DefaultValueFactory = _ => "YY",
    };

    public Option<string> SellerName { get; } = new("--seller-name")
    {
        Description = "NBan/Ten", DefaultValueFactory = _ => "Cửa hàng ConformanceKit",
    };

    public Option<string> SellerAddress { get; } = new("--seller-address")
    {
        Description = "NBan/DChi", DefaultValueFactory = _ => "1 Lê Lợi, Quận 1, TP. Hồ Chí Minh",
    };

    public static Option<string> DbOption() =>
        new("--db") { Description = "the register's SQLite file (created when missing)", Required = true };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Db, Mst, Block, Register, Form, Series, SellerName, SellerAddress })
            command.Options.Add(option);
    }

    public RegisterConfig Config(ParseResult r) => new(
        r.GetValue(Register)!, r.GetValue(Mst)!, r.GetValue(SellerName)!, r.GetValue(SellerAddress)!,
        r.GetValue(Block)!, r.GetValue(Form), r.GetValue(Series)!);
}

using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Conformance.Tests.Pos;

/// <summary>`ck pos sell` refuses what the register refuses (the limits themselves: Provider.Tests, SaleLimitsTests).</summary>
public sealed class PosCommandTests
{
    [Fact]
    public async Task Ck_pos_sell_refuses_a_sale_the_invoice_cannot_carry_with_exit_code_2_and_issues_nothing()
    {
        var db = PosFixtures.TempDb();
        string[] register = ["--db", db, "--mst", PosFixtures.Mst, "--block", PosFixtures.Block];
        var control = await Ck.RunAsync(["pos", "sell", .. register, "--line", "Cà\u0001phê;Ly;1;29000;10%"]);
        var overflow = await Ck.RunAsync(["pos", "sell", .. register, "--line", "Vàng;Lượng;100000000000;100000000000;10%"]);
        var tooLong = await Ck.RunAsync(["pos", "sell", .. register, "--line", "Trà;Ly;1;1000;10%", "--buyer-name", new string('n', 101)]);
        Assert.Equal((2, 2, 2), (control.ExitCode, overflow.ExitCode, tooLong.ExitCode));
        Assert.Contains("lines[0].name", control.Error, StringComparison.Ordinal);
        Assert.Contains("lines[0].unitPrice", overflow.Error, StringComparison.Ordinal);
        Assert.Contains("buyer.name", tooLong.Error, StringComparison.Ordinal);
        using var allocator = new CodeAllocator(db);
        Assert.Empty(allocator.List());
    }
}

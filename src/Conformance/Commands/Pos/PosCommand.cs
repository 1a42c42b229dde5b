using System.Globalization;
using System.Text.Json;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Conformance.Commands.Pos;

/// <summary>`ck pos`: the reference register's work; testable without a console.</summary>
public sealed class PosCommand(CliIO io, string databasePath, TimeProvider? time = null)
{
    public int Sell(RegisterConfig config, Func<Sale> readSale, bool json)
    {
        try
        {
            var sale = readSale();
            using var allocator = new CodeAllocator(databasePath);
            var issued = new CashRegister(config, allocator, time).Issue(sale);
            if (json) io.Out.WriteLine(JsonSerializer.Serialize(Summary(issued), SaleJson.Options));
            else WriteText(issued);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            io.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.Usage;
        }
    }

    public int List(bool json)
    {
        using var allocator = new CodeAllocator(databasePath);
        var rows = allocator.List().Select(r => new
        {
            code = r.Code.Value, taxCode = r.TaxCode, register = r.RegisterId, series = $"{r.Form}{r.Series}", number = r.Number,
            issuedAt = r.IssuedAt, totalPayable = SaleCalculator.Compute(SaleJson.Deserialize(r.SaleJson), r.Form).TotalPayable,
        }).ToList();
        if (json)
        {
            io.Out.WriteLine(JsonSerializer.Serialize(rows, SaleJson.Options));
            return ExitCodes.Ok;
        }
        foreach (var r in rows)
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.code}  {r.taxCode}  {r.series}  SHDon {r.number,-8}  {r.register,-10}  {r.issuedAt:yyyy-MM-dd HH:mm:ss}  {r.totalPayable,15:#,0}"));
        io.Out.WriteLine($"{rows.Count} invoice(s)");
        return ExitCodes.Ok;
    }

    public int Soak(RegisterConfig config, int count, CancellationToken cancellationToken)
    {
        using var allocator = new CodeAllocator(databasePath);
        var register = new CashRegister(config, allocator, time);
        var sale = new Sale { Lines = [SaleLineParser.ParseLine("Cà phê sữa đá;Ly;2;29000;10%")] };
        while (!cancellationToken.IsCancellationRequested && allocator.Count() < count)
            io.Out.WriteLine(register.Issue(sale).Record.Serial.ToString(CultureInfo.InvariantCulture));
        return ExitCodes.Ok;
    }

    private static object Summary(IssuedInvoice i) => new
    {
        code = i.Code.Value, taxCode = i.TaxCode, form = i.Record.Form, series = i.Record.Series, number = i.Record.Number,
        serial = i.Record.Serial, issuedAt = i.Record.IssuedAt,
        rates = i.Totals.Rates.Select(r => new { rate = r.Rate.Value, amount = r.Amount, tax = r.Tax }),
        totalBeforeTax = i.Totals.TotalBeforeTax, totalTax = i.Totals.TotalTax, tradeDiscount = i.Totals.TradeDiscount,
        totalPayable = i.Totals.TotalPayable, totalPayableInWords = i.Totals.TotalPayableInWords,
    };

    private void WriteText(IssuedInvoice i)
    {
        var t = i.Totals;
        var o = io.Out;
        o.WriteLine($"{i.Code.Value}  MST {i.TaxCode}  {i.Record.Form}{i.Record.Series}  SHDon {i.Record.Number}");
        foreach (var r in t.Rates)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Rate.Value,-6} {r.Amount,15:#,0}  thuế {r.Tax?.ToString("#,0", CultureInfo.InvariantCulture) ?? "-"}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  TgTCThue {t.TotalBeforeTax:#,0}  TTCKTMai {t.TradeDiscount:#,0}  TgTThue {t.TotalTax:#,0}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  TgTTTBSo {t.TotalPayable:#,0}  {t.TotalPayableInWords}"));
    }
}

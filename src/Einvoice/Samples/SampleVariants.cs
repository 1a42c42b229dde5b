using System.Text;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Einvoice.Samples;

/// <summary>The sample set: one valid package and one invalid variant per error code.</summary>
public static class SampleVariants
{
    private const string Hdon = "/TDiep/DLieu/HDon";

    public static IReadOnlyList<SampleVariant> All { get; } =
    [
        new("206-valid", "a valid, signed package of 4 invoices (3 VAT invoices, 1 sales invoice)", []),
        new("206-3001-schema", "invoice 2, line 1 has VAT rate 7%, which is not an allowed TSuat",
            [new("3001", $"{Hdon}[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/TSuat", 2)],
            MutateModel: p => p.Invoices[1].Lines[0].VatRate = "7%"),
        new("206-3002-seller-mst", "invoice 2's seller MST differs from the package MST",
            [new("3002", $"{Hdon}[2]/DLHDon/NDHDon/NBan/MST", 2)],
            MutateModel: p => p.Invoices[1].Seller.TaxCode = "0301521415"),
        new("206-3003-not-cash-register", "invoice 1's series C25TAA is not a cash-register series (4th character T)",
            [new("3003", $"{Hdon}[1]/DLHDon/TTChung/KHHDon", 1)],
            MutateModel: p => p.Invoices[0].General.Series = "C25TAA"),
        new("206-4001-unsigned", "the package carries no seller signature",
            [new("4001", "/TDiep/CKSNNT/Signature")], Sign: false),
        new("206-4002-tampered", "an item name was changed after signing",
            [new("4002", "/TDiep/CKSNNT/Signature")],
            MutateSigned: b => Replace(b, "<THHDVu>", "<THHDVu>X")),
        new("206-6001-count", "SLuong declares one invoice more than the package holds",
            [new("6001", "/TDiep/TTChung/SLuong")],
            MutateModel: p => p.Header.Count = p.Invoices.Count + 1),
        new("206-7001-code-malformed", "invoice 3's cash-register code has a 3-digit serial",
            [new("7001", $"{Hdon}[3]/MCCQT", 3)],
            MutateModel: p => p.Invoices[2].Code = p.Invoices[2].Code![..12] + "123"),
        new("206-7003-code-year", "invoice 1's code says year 24 but the invoice is dated 2025",
            [new("7003", $"{Hdon}[1]/MCCQT", 1)],
            MutateModel: p => p.Invoices[0].Code = WithYear(p.Invoices[0].Code!, 24)),
        new("206-7004-code-type", "invoice 1 is a VAT invoice (KHMSHDon 1) but its code says type 2",
            [new("7004", $"{Hdon}[1]/MCCQT", 1)],
            MutateModel: p => p.Invoices[0].Code = WithType(p.Invoices[0].Code!, 2)),
        new("206-7006-code-repeated", "invoice 3 reuses invoice 1's code",
            [new("7006", $"{Hdon}[3]/MCCQT", 3)],
            MutateModel: p => p.Invoices[2].Code = p.Invoices[0].Code),

        // Shapes production senders use (docs/compatibility.md): valid, with advisory warnings at most.
        new("206-shape-template-sender", ProductionShapes.TemplateSender.Description,
            [new("W006", "/TDiep/TTChung/MTDTChieu"), new("W007", "/TDiep/CKSNNT/Signature/Object")],
            Shape: ProductionShapes.TemplateSender),
        new("206-shape-web-pos", ProductionShapes.WebPos.Description,
            [.. Enumerable.Range(1, 4).Select(i => new ExpectedFinding("W006", $"{Hdon}[{i}]/DLHDon/NDHDon/NMua/MST", i))],
            Shape: ProductionShapes.WebPos),
        new("206-shape-uuid-data-id", ProductionShapes.UuidDataId.Description, [], Shape: ProductionShapes.UuidDataId),
        new("206-shape-declaration", ProductionShapes.Declaration.Description, [], Shape: ProductionShapes.Declaration),
        new("206-shape-form-names", ProductionShapes.FormNames.Description, [], Shape: ProductionShapes.FormNames),
        new("206-shape-party-extras", ProductionShapes.PartyExtras.Description, [], Shape: ProductionShapes.PartyExtras),
        // … and with an empty mandatory element they are still refused.
        new("206-3001-shape-web-pos-empty-item-name", "the web-POS shape with an empty THHDVu (mandatory) in invoice 2",
            [.. Enumerable.Range(1, 4).Select(i => new ExpectedFinding("W006", $"{Hdon}[{i}]/DLHDon/NDHDon/NMua/MST", i)),
             new("3001", $"{Hdon}[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/THHDVu", 2)],
            MutateModel: p => p.Invoices[1].Lines[0].ItemName = "", Shape: ProductionShapes.WebPos),
        new("206-1003-shape-template-sender-empty-sender", "the template-sender shape with an empty MNGui (mandatory)",
            [new("W006", "/TDiep/TTChung/MTDTChieu"), new("W007", "/TDiep/CKSNNT/Signature/Object"),
             new("1003", "/TDiep/TTChung/MNGui")],
            MutateModel: p => p.Header.SenderCode = "", Shape: ProductionShapes.TemplateSender),
    ];

    private static string WithYear(string code, int year)
    {
        var c = CashRegisterCode.Parse(code);
        return CashRegisterCode.Create(c.InvoiceType, year, c.Block, c.Serial).Value;
    }

    private static string WithType(string code, int type)
    {
        var c = CashRegisterCode.Parse(code);
        return CashRegisterCode.Create(type, c.YearTwoDigits, c.Block, c.Serial).Value;
    }

    private static byte[] Replace(byte[] bytes, string find, string replacement)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"'{find}' not found in the sample");
        return Encoding.UTF8.GetBytes(text[..at] + replacement + text[(at + find.Length)..]);
    }
}

using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.TestSupport;

/// <summary>Registers, sales and a validator for the reference-POS tests.</summary>
public static class PosFixtures
{
    public const string Mst = "0106324653";
    public const string Block = "A1B2C";

    public static RegisterConfig Config(string registerId = "quay-1", int form = 1) =>
        new(registerId, Mst, "Cửa hàng Thử", "1 Lê Lợi, Quận 1, TP. Hồ Chí Minh", Block, form, "AA");

    public static string TempDb() => Path.Combine(Directory.CreateTempSubdirectory("ck-pos-").FullName, "pos.db");

    public static SaleLine Line(string name, decimal qty, decimal price, string rate, decimal discount = 0m) =>
        new(name, "Cái", qty, price, VatRate.Parse(rate), discount);

    /// <summary>A record as the allocator would return it, for building invoices without a store.</summary>
    public static AllocatedInvoice Record(long serial, int form = 1) =>
        new(serial, CashRegisterCode.Create(form, 26, Block, serial), serial.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "quay-1", Mst, Block, form, "C26MAA", new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(7)), "{}");

    /// <summary>Validates the invoices as one unsigned 206 package.</summary>
    public static ValidationResult Validate(IEnumerable<CashRegisterInvoice> invoices)
    {
        var list = invoices.ToList();
        var package = new InvoicePackage
        {
            Header = new MessageHeader
            {
                Version = "2.1.0", SenderCode = "V0101300842", ReceiverCode = "TCT", MessageType = "206",
                MessageId = MessageId.New("V0101300842").Value, TaxCode = Mst, Count = list.Count,
            },
            DataId = "DLieu",
            Invoices = list,
        };
        return MessageValidator.Validate(MessageWriter.Write(package),
            new ValidationOptions { CheckSignatures = false, IssuedCodeBlocks = new HashSet<string> { Block } });
    }

    /// <summary>Every finding, for assertion messages.</summary>
    public static string Describe(ValidationResult result) =>
        string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Severity} {f.Message} at {f.Location}"));
}

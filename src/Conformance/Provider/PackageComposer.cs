using ConformanceKit.Conformance.Pos;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.Conformance.Provider;

/// <summary>Builds the unsigned 206 of issued invoices: the envelope, then each invoice rebuilt from its recorded sale.</summary>
public static class PackageComposer
{
    /// <summary>The reception limit; a package is cut before it (with room for the signature).</summary>
    public const int MaxBytes = 2 * 1024 * 1024 - 16 * 1024;

    public static (string MessageId, byte[] Bytes) Compose(RegisterConfig register, string tvanCode, IReadOnlyList<AllocatedInvoice> invoices)
    {
        ArgumentOutOfRangeException.ThrowIfZero(invoices.Count);
        var messageId = MessageId.New(tvanCode).Value;
        var package = new InvoicePackage
        {
            Header = new MessageHeader
            {
                Version = "2.1.0", SenderCode = tvanCode, ReceiverCode = "TCT", MessageType = "206",
                MessageId = messageId, TaxCode = register.SellerTaxCode, Count = invoices.Count,
            },
            DataId = "DLieu",
        };
        foreach (var record in invoices)
            package.Invoices.Add(CashRegister.Rebuild(register, record).Invoice);
        return (messageId, MessageWriter.Write(package));
    }
}

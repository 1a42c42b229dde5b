using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider;

/// <summary>Builds the unsigned 206 of issued invoices: the envelope, then each invoice rebuilt from its recorded sale.</summary>
public static class PackageComposer
{
    /// <summary>The reception limit; a package is cut before it (with room for the signature).</summary>
    public const int MaxBytes = 2 * 1024 * 1024 - 16 * 1024;

    /// <summary>The codes of an invoice set aside because it cannot be written into any 206.</summary>
    public const string Unsendable = "unsendable";

    public static (string MessageId, byte[] Bytes) Compose(RegisterConfig register, string tvanCode, IReadOnlyList<AllocatedInvoice> invoices)
    {
        ArgumentOutOfRangeException.ThrowIfZero(invoices.Count);
        return Write(register, tvanCode, [.. invoices.Select(record => CashRegister.Rebuild(register, record).Invoice)]);
    }

    /// <summary>
    /// The package of every invoice that can be written, and the others with why not (a sale recorded
    /// before the checks existed, a broken record): one such invoice must never stop the rest.
    /// </summary>
    public static ComposedPackage ComposeEach(RegisterConfig register, string tvanCode, IReadOnlyList<AllocatedInvoice> invoices)
    {
        var built = new List<(AllocatedInvoice Record, CashRegisterInvoice Invoice)>();
        var setAside = new List<(AllocatedInvoice, string)>();
        foreach (var record in invoices)
        {
            try
            {
                built.Add((record, CashRegister.Rebuild(register, record).Invoice));
            }
#pragma warning disable CA1031 // whatever the record does to the builder, it is that invoice's problem
            catch (Exception e)
#pragma warning restore CA1031
            {
                setAside.Add((record, Reason(e)));
            }
        }
        if (built.Count == 0) return new ComposedPackage(null, null, [], setAside);
        try
        {
            var (id, bytes) = Write(register, tvanCode, [.. built.Select(b => b.Invoice)]);
            return new ComposedPackage(id, bytes, [.. built.Select(b => b.Record)], setAside);
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            // The writer refused something the checks let through: find which invoice, one by one.
            var kept = new List<(AllocatedInvoice Record, CashRegisterInvoice Invoice)>();
            foreach (var b in built)
            {
                try
                {
                    Write(register, tvanCode, [b.Invoice]);
                    kept.Add(b);
                }
#pragma warning disable CA1031
                catch (Exception e)
#pragma warning restore CA1031
                {
                    setAside.Add((b.Record, Reason(e)));
                }
            }
            if (kept.Count == 0) return new ComposedPackage(null, null, [], setAside);
            var (id, bytes) = Write(register, tvanCode, [.. kept.Select(b => b.Invoice)]);
            return new ComposedPackage(id, bytes, [.. kept.Select(b => b.Record)], setAside);
        }
    }

    private static (string MessageId, byte[] Bytes) Write(RegisterConfig register, string tvanCode, IReadOnlyList<CashRegisterInvoice> invoices)
    {
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
        foreach (var invoice in invoices) package.Invoices.Add(invoice);
        return (messageId, MessageWriter.Write(package));
    }

    private static string Reason(Exception e) => e is ArgumentException { ParamName: { } p } a
        ? a.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal)
        : $"{e.GetType().Name}: {e.Message}";
}

/// <summary>What <see cref="PackageComposer.ComposeEach"/> made: a package (null when no invoice could be written) and the invoices set aside.</summary>
public sealed record ComposedPackage(string? MessageId, byte[]? Bytes, IReadOnlyList<AllocatedInvoice> Invoices,
    IReadOnlyList<(AllocatedInvoice Invoice, string Reason)> SetAside);

namespace ConformanceKit.Einvoice.Model;

/// <summary>MLTDiep 206 — a package of cash-register invoices, signed by the seller.</summary>
public sealed class InvoicePackage : Message
{
    public override string? TypeCode => "206";

    /// <summary>DLieu/@Id — what the seller's signature references.</summary>
    public string? DataId { get; set; }

    /// <summary>DLieu/HDon — the invoices, in wire order.</summary>
    public List<CashRegisterInvoice> Invoices { get; set; } = [];

    /// <summary>
    /// Inner XML of CKSNNT (the seller's Signature), verbatim; "" for an empty CKSNNT, null when absent.
    /// </summary>
    public string? SellerSignatureXml { get; set; }
}

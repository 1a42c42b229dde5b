using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Provider.Pos;

/// <summary>An issued invoice and what a buyer needs to look it up (the code and the seller's MST).</summary>
public sealed record IssuedInvoice(CashRegisterInvoice Invoice, SaleTotals Totals, AllocatedInvoice Record)
{
    public CashRegisterCode Code => Record.Code;

    public string TaxCode => Record.TaxCode;
}

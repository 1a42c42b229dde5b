using System.Globalization;
using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Provider.Pos;

/// <summary>Fills the Einvoice <see cref="CashRegisterInvoice"/> from a sale, its totals and its recorded code.</summary>
public static class InvoiceBuilder
{
    public static CashRegisterInvoice Build(RegisterConfig config, Sale sale, SaleTotals totals, AllocatedInvoice record)
    {
        var invoice = BuildAsSold(config, sale, totals, record);
        if (sale.Related is { Kind: 2, Decrease: true }) Negate(invoice);
        return invoice;
    }

    /// <summary>A decreasing adjustment: every amount and total below zero, the total in words read "Âm …".</summary>
    private static void Negate(CashRegisterInvoice invoice)
    {
        foreach (var line in invoice.Lines) line.Amount = -line.Amount;
        var t = invoice.Totals;
        if (t is null) return;
        foreach (var r in t.RateTotals ?? []) (r.Amount, r.Tax) = (-r.Amount, -r.Tax);
        (t.TotalBeforeTax, t.TotalTax, t.TotalTradeDiscount, t.TotalPayable) = (-t.TotalBeforeTax, -t.TotalTax, -t.TotalTradeDiscount, -t.TotalPayable);
        if (t.TotalPayable < 0 && !string.IsNullOrEmpty(t.TotalPayableInWords))
            t.TotalPayableInWords = "Âm " + char.ToLowerInvariant(t.TotalPayableInWords[0]) + t.TotalPayableInWords[1..];
    }

    private static CashRegisterInvoice BuildAsSold(RegisterConfig config, Sale sale, SaleTotals totals, AllocatedInvoice record)
    {
        var vat = record.Form == 1;
        return new CashRegisterInvoice
        {
            InvoiceDataId = $"HD{record.Serial:D11}",
            General = new InvoiceHeader
            {
                Version = "2.1.0",
                Name = vat ? "Hóa đơn giá trị gia tăng" : "Hóa đơn bán hàng",
                FormNumber = record.Form.ToString(CultureInfo.InvariantCulture),
                Series = record.Series,
                Number = record.Number,
                IssueDate = DateOnly.FromDateTime(record.IssuedAt.DateTime),
                Currency = "VND",
                ExchangeRate = 1m,
                PaymentMethod = sale.PaymentMethod,
                RelatedInvoice = sale.Related is { } r
                    ? new RelatedInvoice
                    {
                        Kind = r.Kind, RelatedKind = 1, FormNumber = r.Form.ToString(CultureInfo.InvariantCulture), Series = r.Series,
                        Number = r.Number, IssueDate = r.IssueDate, Note = r.Note,
                    }
                    : null,
            },
            Seller = new Party { Name = config.SellerName, TaxCode = record.TaxCode, Address = config.SellerAddress },
            Buyer = BuyerParty(sale.Buyer),
            Lines = Lines(sale, totals, vat),
            Totals = Totals(totals, vat),
            QrCode = "",
            Code = record.Code.Value,
        };
    }

    private static Party? BuyerParty(Buyer? b)
    {
        if (b is null) return null;
        var company = !string.IsNullOrEmpty(b.TaxCode);
        return new Party
        {
            Name = company ? b.Name : null,
            BuyerPersonName = company ? null : b.Name,
            TaxCode = Empty(b.TaxCode), Address = Empty(b.Address), PersonalId = Empty(b.PersonalId), Phone = Empty(b.Phone),
        };
    }

    private static List<InvoiceLine> Lines(Sale sale, SaleTotals totals, bool vat)
    {
        var lines = new List<InvoiceLine>();
        for (var i = 0; i < sale.Lines.Count; i++)
        {
            var s = sale.Lines[i];
            lines.Add(new InvoiceLine
            {
                Kind = 1, LineNumber = lines.Count + 1, ItemCode = Empty(s.ItemCode), ItemName = s.Name, Unit = s.Unit,
                Quantity = s.Quantity, UnitPrice = s.UnitPrice,
                DiscountAmount = s.Discount == 0m ? null : s.Discount,
                Amount = totals.LineAmounts[i],
                VatRate = vat ? s.Rate.Value : null,
            });
        }
        foreach (var p in sale.Promotions)
            lines.Add(new InvoiceLine { Kind = 2, LineNumber = lines.Count + 1, ItemName = p.Name, Unit = p.Unit, Quantity = p.Quantity });
        if (sale.Discount is { } d)
            lines.Add(new InvoiceLine
            {
                Kind = 3, LineNumber = lines.Count + 1, ItemName = d.Name, Amount = totals.TradeDiscount,
                VatRate = vat ? d.Rate.Value : null,
            });
        return lines;
    }

    private static InvoiceTotals Totals(SaleTotals t, bool vat) => vat
        ? new InvoiceTotals
        {
            RateTotals = t.Rates.Select(r => new RateTotal { VatRate = r.Rate.Value, Amount = r.Amount, Tax = r.Tax }).ToList(),
            TotalBeforeTax = t.TotalBeforeTax, TotalTax = t.TotalTax, TotalTradeDiscount = t.TradeDiscount,
            TotalPayable = t.TotalPayable, TotalPayableInWords = t.TotalPayableInWords,
        }
        : new InvoiceTotals
        {
            TotalTradeDiscount = t.TradeDiscount == 0m ? null : t.TradeDiscount,
            TotalPayable = t.TotalPayable, TotalPayableInWords = t.TotalPayableInWords,
        };

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Conformance.Pos;

/// <summary>
/// Computes a sale's totals the way the advisory checks W001–W004 recompute them: line amount =
/// quantity × price − discount, tax per rate = amount × rate, each rounded half away from zero to
/// whole đồng; TgTTTBSo = TgTCThue − TTCKTMai + TgTThue; the words read as TgTTTBSo.
/// </summary>
public static class SaleCalculator
{
    /// <summary>The sale's totals for a VAT invoice (form 1) or a sales invoice (form 2, no tax).</summary>
    /// <exception cref="ArgumentException">The sale cannot be invoiced (see <see cref="Check"/>).</exception>
    public static SaleTotals Compute(Sale sale, int form = 1)
    {
        if (Check(sale, form) is { } error) throw new ArgumentException(error, nameof(sale));
        var amounts = sale.Lines.Select(LineAmount).ToList();
        var discount = sale.Discount is { } d ? Whole(d.Amount) : 0m;
        var before = amounts.Sum();
        if (form != 1)
        {
            var payable = before - discount;
            return new SaleTotals(amounts, [], before, 0m, discount, payable, Words(payable));
        }
        var rates = sale.Lines.Zip(amounts)
            .GroupBy(x => x.First.Rate.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var rate = g.First().First.Rate;
                var amount = g.Sum(x => x.Second) - (sale.Discount?.Rate == rate ? discount : 0m);
                return new RateTotalLine(rate, amount, rate.Percent is { } p ? Whole(amount * p / 100m) : null);
            })
            .ToList();
        var tax = rates.Sum(r => r.Tax ?? 0m);
        var total = before - discount + tax;
        return new SaleTotals(amounts, rates, before, tax, discount, total, Words(total));
    }

    /// <summary>ThTien of a goods line: quantity × price − discount, to whole đồng.</summary>
    public static decimal LineAmount(SaleLine line) => Whole(line.Quantity * line.UnitPrice - line.Discount);

    /// <summary>Why the sale cannot be invoiced, or null when it can.</summary>
    public static string? Check(Sale sale, int form = 1)
    {
        if (form is not (1 or 2)) return "form must be 1 (VAT invoice) or 2 (sales invoice)";
        if (sale.Lines.Count == 0) return "a sale needs at least one line";
        foreach (var line in sale.Lines)
        {
            if (string.IsNullOrWhiteSpace(line.Name)) return "a line needs a name";
            if (line.Quantity <= 0) return $"'{line.Name}': quantity must be positive";
            if (line.UnitPrice < 0) return $"'{line.Name}': unit price cannot be negative";
            if (line.Discount < 0) return $"'{line.Name}': discount cannot be negative";
            if (LineAmount(line) < 0) return $"'{line.Name}': discount is more than the line is worth";
            if (form == 1 && string.IsNullOrEmpty(line.Rate.Value)) return $"'{line.Name}': a VAT invoice line needs a VAT rate";
        }
        if (sale.Discount is { } d)
        {
            if (d.Amount <= 0) return "the trade discount must be positive";
            var basis = form == 1
                ? sale.Lines.Where(l => l.Rate == d.Rate).Sum(LineAmount)
                : sale.Lines.Sum(LineAmount);
            if (Whole(d.Amount) > basis)
                return $"the trade discount {Whole(d.Amount)} is more than the goods it applies to ({basis})";
        }
        foreach (var p in sale.Promotions)
            if (string.IsNullOrWhiteSpace(p.Name) || p.Quantity <= 0) return "a promotion line needs a name and a positive quantity";
        return null;
    }

    private static decimal Whole(decimal d) => Math.Round(d, 0, MidpointRounding.AwayFromZero);

    private static string Words(decimal payable) => VietnameseAmountInWords.ToWords((long)payable);
}

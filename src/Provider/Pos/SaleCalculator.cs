using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// Computes a sale's totals the way the advisory checks W001–W004 recompute them: line amount =
/// quantity × price − discount, tax per rate = amount × rate, each rounded half away from zero to
/// whole đồng; TgTTTBSo = TgTCThue − TTCKTMai + TgTThue; the words read as TgTTTBSo.
/// </summary>
public static class SaleCalculator
{
    /// <summary>The sale's totals for a VAT invoice (form 1) or a sales invoice (form 2, no tax).</summary>
    /// <exception cref="ArgumentException">The sale cannot be invoiced (see <see cref="Find"/>); the message starts with the field's path.</exception>
    public static SaleTotals Compute(Sale sale, int form = 1)
    {
        if (FindRules(sale, form) is { } v) throw new ArgumentException(v.ToString(), nameof(sale));
        var totals = Totals(sale, form); // computed once: the size check reads the same totals
        return SaleLimits.FindTotals(totals) is { } big ? throw new ArgumentException(big.ToString(), nameof(sale)) : totals;
    }

    /// <summary>ThTien of a goods line: quantity × price − discount, to whole đồng.</summary>
    public static decimal LineAmount(SaleLine line) => Whole(line.Quantity * line.UnitPrice - line.Discount);

    /// <summary>Why the sale cannot be invoiced, or null when it can.</summary>
    public static string? Check(Sale sale, int form = 1) => Find(sale, form)?.Message;

    /// <summary>
    /// Why the sale cannot be invoiced, pinned to its field, or null when it can: first what the
    /// format cannot carry (<see cref="SaleLimits"/>), then the invoicing rules, then the totals' size.
    /// </summary>
    public static SaleViolation? Find(Sale sale, int form = 1) => FindRules(sale, form) ?? SaleLimits.FindTotals(Totals(sale, form));

    private static SaleViolation? FindRules(Sale sale, int form)
    {
        ArgumentNullException.ThrowIfNull(sale);
        if (form is not (1 or 2)) return new(SaleSection.Sale, -1, "", "rule", "form must be 1 (VAT invoice) or 2 (sales invoice)");
        if (sale.Lines is { Count: 0 }) return new(SaleSection.Sale, -1, "lines", "required", "a sale needs at least one line");
        if (SaleLimits.Find(sale) is { } limit) return limit;
        for (var i = 0; i < sale.Lines.Count; i++)
        {
            var line = sale.Lines[i];
            SaleViolation Rule(string field, string message) => new(SaleSection.Line, i, field, "rule", $"'{line.Name}': {message}");
            if (string.IsNullOrWhiteSpace(line.Name)) return new(SaleSection.Line, i, "name", "required", "a line needs a name");
            if (line.Quantity <= 0) return Rule("quantity", "quantity must be positive");
            if (line.UnitPrice < 0) return Rule("unitPrice", "unit price cannot be negative");
            if (line.Discount < 0) return Rule("discount", "discount cannot be negative");
            if (LineAmount(line) < 0) return Rule("discount", "discount is more than the line is worth");
            if (form == 1 && string.IsNullOrEmpty(line.Rate.Value)) return Rule("rate", "a VAT invoice line needs a VAT rate");
        }
        if (sale.Discount is { } d)
        {
            if (string.IsNullOrWhiteSpace(d.Name)) return new(SaleSection.Discount, -1, "name", "required", "the trade discount needs a name");
            if (d.Amount <= 0) return new(SaleSection.Discount, -1, "amount", "rule", "the trade discount must be positive");
            if (form == 1 && string.IsNullOrEmpty(d.Rate.Value))
                return new(SaleSection.Discount, -1, "rate", "required", "the trade discount of a VAT invoice needs a VAT rate");
            var basis = form == 1
                ? sale.Lines.Where(l => l.Rate == d.Rate).Sum(LineAmount)
                : sale.Lines.Sum(LineAmount);
            if (Whole(d.Amount) > basis)
                return new(SaleSection.Discount, -1, "amount", "rule",
                    $"the trade discount {Whole(d.Amount)} is more than the goods it applies to ({basis})");
        }
        for (var i = 0; i < sale.Promotions.Count; i++)
        {
            var p = sale.Promotions[i];
            const string message = "a promotion line needs a name and a positive quantity";
            if (string.IsNullOrWhiteSpace(p.Name)) return new(SaleSection.Promotion, i, "name", "required", message);
            if (p.Quantity <= 0) return new(SaleSection.Promotion, i, "quantity", "rule", message);
        }
        return null;
    }

    private static SaleTotals Totals(Sale sale, int form)
    {
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

    private static decimal Whole(decimal d) => Math.Round(d, 0, MidpointRounding.AwayFromZero);

    // Only for totals within SaleLimits: a larger one is refused before its words are read.
    private static string Words(decimal payable) =>
        payable >= 0 && payable <= SaleLimits.MaxValue ? VietnameseAmountInWords.ToWords((long)payable) : "";
}

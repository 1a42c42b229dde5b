using ConformanceKit.Conformance.Pos;

namespace ConformanceKit.Conformance.Provider.Import;

/// <summary>What part of a sale <see cref="SaleCalculator.Check"/> refuses.</summary>
internal enum SalePart { Sale, Line, Discount, Promotion }

/// <summary>
/// Why <see cref="SaleCalculator"/> refuses a sale, pinned to the line (or the trade discount, or a
/// promotion) and field it is about when that can be told.
/// </summary>
/// <param name="Field">quantity, unitPrice, discount, rate, name, amount, lines — or "" when unknown.</param>
internal sealed record SaleProblem(SalePart Part, int Index, string Field, string Message)
{
    public static SaleProblem? Find(Sale sale, int form = 1)
    {
        var message = SaleCalculator.Check(sale, form);
        if (message is null) return null;
        if (sale.Lines.Count == 0) return new SaleProblem(SalePart.Sale, -1, "lines", message);
        for (var i = 0; i < sale.Lines.Count; i++)
        {
            if (SaleCalculator.Check(new Sale { Lines = [sale.Lines[i]] }, form) is { } lineMessage)
                return new SaleProblem(SalePart.Line, i, LineField(lineMessage), lineMessage);
        }
        if (sale.Discount is not null && message.Contains("trade discount", StringComparison.Ordinal))
            return new SaleProblem(SalePart.Discount, -1, "amount", message);
        for (var i = 0; i < sale.Promotions.Count; i++)
        {
            var p = sale.Promotions[i];
            if (string.IsNullOrWhiteSpace(p.Name)) return new SaleProblem(SalePart.Promotion, i, "name", message);
            if (p.Quantity <= 0) return new SaleProblem(SalePart.Promotion, i, "quantity", message);
        }
        return new SaleProblem(SalePart.Sale, -1, "", message);
    }

    private static string LineField(string message) =>
        message.Contains("quantity", StringComparison.Ordinal) ? "quantity"
        : message.Contains("unit price", StringComparison.Ordinal) ? "unitPrice"
        : message.Contains("discount", StringComparison.Ordinal) ? "discount"
        : message.Contains("VAT rate", StringComparison.Ordinal) ? "rate"
        : message.Contains("name", StringComparison.Ordinal) ? "name"
        : "";
}

using System.Globalization;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>
/// Arithmetic a good vendor gets right but the authority does not enforce (W001–W004): reported as
/// warnings, never as grounds for rejection. Differences up to one đồng are rounding, not errors.
/// </summary>
internal static class AdvisoryRules
{
    private const decimal Tolerance = 1m;

    public static void Check(MessageFacts facts, List<Finding> findings)
    {
        foreach (var invoice in facts.Invoices)
        {
            foreach (var line in invoice.Lines) CheckLine(invoice, line, findings);
            foreach (var rate in invoice.RateTotals) CheckRate(invoice, rate, findings);
            CheckTotals(invoice, findings);
            CheckWords(invoice, findings);
        }
    }

    private static void CheckLine(InvoiceFacts invoice, LineFacts line, List<Finding> findings)
    {
        if (!line.Fields.TryGetValue("TChat", out var kind) || kind.Value is not ("1" or "5")) return;
        if (Number(line.Fields, "SLuong") is not { } qty || Number(line.Fields, "DGia") is not { } price
            || !line.Fields.TryGetValue("ThTien", out var amountLeaf) || Parse(amountLeaf.Value) is not { } amount) return;
        var gross = qty * price;
        var discount = Number(line.Fields, "STCKhau")
            ?? (Number(line.Fields, "TLCKhau") is { } pct ? gross * pct / 100m : 0m);
        var expected = gross - discount;
        if (Math.Abs(Math.Round(expected, 0) - amount) > Tolerance)
            findings.Add(Warn(ErrorCodes.LineAmount,
                $"line amount {F(amount)} ≠ quantity × price − discount = {F(qty)} × {F(price)} − {F(discount)} = {F(expected)}",
                amountLeaf, F(Math.Round(expected, 0)), invoice));
    }

    private static void CheckRate(InvoiceFacts invoice, RateTotalFacts rate, List<Finding> findings)
    {
        if (!rate.Fields.TryGetValue("TSuat", out var rateLeaf) || !VatRate.TryParse(rateLeaf.Value, out var vat, out _)
            || vat.Percent is not { } pct) return;
        if (Number(rate.Fields, "ThTien") is not { } amount || !rate.Fields.TryGetValue("TThue", out var taxLeaf)
            || Parse(taxLeaf.Value) is not { } tax) return;
        var expected = Math.Round(amount * pct / 100m, 0, MidpointRounding.AwayFromZero);
        if (Math.Abs(expected - tax) > Tolerance)
            findings.Add(Warn(ErrorCodes.TaxPerRate,
                $"tax at {rateLeaf.Value} is {F(tax)} but {F(amount)} × {rateLeaf.Value} = {F(expected)}", taxLeaf, F(expected), invoice));
    }

    private static void CheckTotals(InvoiceFacts invoice, List<Finding> findings)
    {
        var t = invoice.Totals;
        if (!t.TryGetValue("TgTTTBSo", out var payableLeaf) || Parse(payableLeaf.Value) is not { } payable) return;
        if (Number(t, "TgTCThue") is { } before)
        {
            var tax = Number(t, "TgTThue") ?? 0m;
            var discount = Number(t, "TTCKTMai") ?? 0m;
            var expected = before + tax - discount;
            if (Math.Abs(expected - payable) > Tolerance)
                findings.Add(Warn(ErrorCodes.TotalsDoNotAdd,
                    $"total to pay {F(payable)} ≠ total before tax + tax − trade discount = {F(before)} + {F(tax)} − {F(discount)} = {F(expected)}",
                    payableLeaf, F(expected), invoice));
        }
        if (invoice.RateTotals.Count > 0 && t.TryGetValue("TgTThue", out var taxLeaf) && Parse(taxLeaf.Value) is { } totalTax)
        {
            var sum = invoice.RateTotals.Sum(r => Number(r.Fields, "TThue") ?? 0m);
            if (Math.Abs(sum - totalTax) > Tolerance)
                findings.Add(Warn(ErrorCodes.TotalsDoNotAdd,
                    $"total tax {F(totalTax)} ≠ the sum of the per-rate taxes {F(sum)}", taxLeaf, F(sum), invoice));
        }
    }

    private static void CheckWords(InvoiceFacts invoice, List<Finding> findings)
    {
        if (!invoice.Totals.TryGetValue("TgTTTBChu", out var words) || words.Value.Length == 0) return;
        if (Number(invoice.Totals, "TgTTTBSo") is not { } payable || payable != decimal.Truncate(payable)
            || payable < 0 || payable > 1_000_000_000_000_000_000m) return;
        var amount = (long)payable;
        if (!VietnameseAmountInWords.Matches(words.Value, amount))
            findings.Add(Warn(ErrorCodes.AmountInWords,
                $"amount in words does not read as {F(payable)}", words, VietnameseAmountInWords.ToWords(amount), invoice));
    }

    private static decimal? Number(Dictionary<string, Leaf> fields, string name) =>
        fields.TryGetValue(name, out var leaf) ? Parse(leaf.Value) : null;

    private static decimal? Parse(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string F(decimal d) => d.ToString("#,0.######", CultureInfo.InvariantCulture);

    private static Finding Warn(string code, string message, Leaf leaf, string expected, InvoiceFacts invoice) =>
        new(code, Severity.Warning, message, leaf.Line, leaf.Column, leaf.Path, leaf.Value, expected, invoice.Index, invoice.Code?.Value);
}

using System.Globalization;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>
/// The rules of a 206 package that a schema cannot state (Decision 1391 checks 2, 6 and 7 as far as
/// the message alone can tell): counts, seller MST, cash-register series and code parts, repeats.
/// </summary>
internal static class PackageRules
{
    public static void Check(MessageFacts facts, ValidationOptions options, List<Finding> findings)
    {
        CheckCount(facts, findings);
        facts.Header.TryGetValue("MST", out var envelopeMst);
        var firstByCode = new Dictionary<string, InvoiceFacts>(StringComparer.Ordinal);
        foreach (var invoice in facts.Invoices)
        {
            CheckParties(invoice, envelopeMst, findings);
            CheckSeries(invoice, findings);
            CheckCode(invoice, options, findings);
            CheckConditionalFields(invoice, findings);
            if (invoice.Code is { Value.Length: > 0 } code)
            {
                if (firstByCode.TryGetValue(code.Value, out var first))
                    findings.Add(EnvelopeRules.At(ErrorCodes.CodeRepeatedInPackage,
                        $"code {code.Value} is also used by invoice {first.Index} of this package", code,
                        "a code used once per package", invoice));
                else
                    firstByCode[code.Value] = invoice;
            }
        }
    }

    private static void CheckCount(MessageFacts facts, List<Finding> findings)
    {
        if (!facts.Header.TryGetValue("SLuong", out var count)) return;
        if (!int.TryParse(count.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var declared)) return;
        if (declared != facts.Invoices.Count)
            findings.Add(EnvelopeRules.At(ErrorCodes.CountMismatch,
                $"SLuong declares {declared} invoice(s) but the package holds {facts.Invoices.Count}", count,
                facts.Invoices.Count.ToString(CultureInfo.InvariantCulture)));
    }

    private static void CheckParties(InvoiceFacts invoice, Leaf? envelopeMst, List<Finding> findings)
    {
        if (invoice.SellerTaxCode is { } seller)
        {
            TaxCodeRule.Check(seller, findings, invoice);
            if (envelopeMst is { Value.Length: > 0 } && seller.Value.Length > 0 && seller.Value != envelopeMst.Value)
                findings.Add(EnvelopeRules.At(ErrorCodes.SellerMstMismatch,
                    $"seller MST {seller.Value} differs from the package MST {envelopeMst.Value}", seller, envelopeMst.Value, invoice));
        }
        if (invoice.BuyerTaxCode is { Value.Length: > 0 } buyer)
            TaxCodeRule.Check(buyer, findings, invoice);
    }

    private static void CheckSeries(InvoiceFacts invoice, List<Finding> findings)
    {
        if (!invoice.General.TryGetValue("KHHDon", out var series) || series.Value.Length != 6) return;
        if (series.Value[3] != 'M')
            findings.Add(EnvelopeRules.At(ErrorCodes.NotCashRegisterInvoice,
                $"KHHDon {series.Value} is not a cash-register series: its 4th character is '{series.Value[3]}'",
                series, "a series whose 4th character is M (e.g. C25MAA)", invoice));
    }

    private static void CheckCode(InvoiceFacts invoice, ValidationOptions options, List<Finding> findings)
    {
        if (invoice.Code is not { } code) return;
        if (!CashRegisterCode.TryParse(code.Value, out var parsed, out var error))
        {
            findings.Add(EnvelopeRules.At(ErrorCodes.CodeMalformed, $"cash-register code '{code.Value}' is malformed: {error}",
                code, "M{type}-{yy}-{5-character block}-{11 digits}, 23 characters (e.g. M1-25-A1B2C-00000000001)", invoice));
            return;
        }
        if (invoice.General.TryGetValue("KHMSHDon", out var form) && form.Value.Length == 1
            && form.Value != parsed.InvoiceType.ToString(CultureInfo.InvariantCulture))
            findings.Add(EnvelopeRules.At(ErrorCodes.CodeTypeMismatch,
                $"code type (C2) is {parsed.InvoiceType} but KHMSHDon is {form.Value}", code, $"C2 = {form.Value}", invoice));
        if (invoice.General.TryGetValue("NLap", out var date)
            && DateOnly.TryParseExact(date.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var issued)
            && issued.Year % 100 != parsed.YearTwoDigits)
            findings.Add(EnvelopeRules.At(ErrorCodes.CodeYearMismatch,
                $"code year (C3C4) is {parsed.YearTwoDigits:00} but the invoice is dated {date.Value}", code,
                $"C3C4 = {issued.Year % 100:00}", invoice));
        if (options.IssuedCodeBlocks is { } blocks && !blocks.Contains(parsed.Block))
            findings.Add(EnvelopeRules.At(ErrorCodes.CodeBlockNotIssued,
                $"code block {parsed.Block} was not issued to this taxpayer", code,
                "one of " + string.Join(", ", blocks.Order(StringComparer.Ordinal)), invoice));
    }

    /// <summary>Fields formats.md marks conditional (C): mandatory only in some cases, so not in the schema.</summary>
    private static void CheckConditionalFields(InvoiceFacts invoice, List<Finding> findings)
    {
        var isVatInvoice = invoice.General.TryGetValue("KHMSHDon", out var form) && form.Value == "1";
        if (isVatInvoice)
        {
            foreach (var name in (string[])["TgTCThue", "TgTThue"])
                if (!invoice.Totals.ContainsKey(name))
                    findings.Add(Missing(name, invoice.Path + "/DLHDon/NDHDon/TToan", invoice.Line, invoice.Column, invoice,
                        "a VAT invoice (KHMSHDon 1) states its total before tax and total tax"));
        }
        foreach (var line in invoice.Lines)
        {
            if (!line.Fields.TryGetValue("TChat", out var kind)) continue;
            var required = kind.Value switch
            {
                "1" or "5" => isVatInvoice ? ["SLuong", "DGia", "DVTinh", "ThTien", "TSuat"] : ["SLuong", "DGia", "DVTinh", "ThTien"],
                "3" => isVatInvoice ? ["ThTien", "TSuat"] : (string[])["ThTien"],
                _ => [],
            };
            foreach (var name in required)
                if (!line.Fields.ContainsKey(name))
                    findings.Add(Missing(name, line.Path, line.Line, line.Column, invoice,
                        $"a line with TChat {kind.Value} requires {name}"));
            if (kind.Value == "5" && !line.Fields.ContainsKey("TTHHDTrung"))
                findings.Add(Missing("TTHHDTrung", line.Path, line.Line, line.Column, invoice,
                    "a line with TChat 5 carries its specific information"));
        }
    }

    private static Finding Missing(string element, string parentPath, int line, int column, InvoiceFacts invoice, string why) =>
        new(ErrorCodes.SchemaViolation, Severity.Error, $"{element} is missing: {why}", line, column,
            parentPath, null, $"element {element}", invoice.Index, invoice.Code?.Value);
}

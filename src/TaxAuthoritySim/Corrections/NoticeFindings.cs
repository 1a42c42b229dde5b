using System.Text.RegularExpressions;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Checks;
using ConformanceKit.TaxAuthoritySim.Intake;
using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.TaxAuthoritySim.Corrections;

/// <summary>
/// A 303's check findings split the way the 301 reports them: those about one HDon (its schema errors; a missing or
/// empty LDo is 9105) go to that invoice only, the others (taxpayer, signature, T-VAN, header schema) to every invoice.
/// </summary>
public static partial class NoticeFindings
{
    private const string ListPath = "/TDiep/DLieu/TBao/DLTBao/DSHDon/HDon[";

    public sealed record Split(IReadOnlyList<Reason> Whole, IReadOnlyDictionary<int, List<Reason>> ByInvoice);

    /// <summary>Taxpayer state (2001–2004), signature (4001–4004) and T-VAN (5001, 5002) checks, and every schema finding.</summary>
    public static Split Of(PackageUnderCheck notice, string? noticeTaxCode)
    {
        var whole = new List<Reason>();
        var byInvoice = new Dictionary<int, List<Reason>>();
        IStep1Check[] checks = [new TaxpayerStateCheck(), new SignatureCheck(), new TvanContractCheck()];
        foreach (var f in checks.SelectMany(c => c.Run(notice)))
            whole.Add(ReceptionCheck.Reason(f.Code, Located(f.Detail, f.Line, f.Column, f.Path)));

        foreach (var f in notice.Read.Findings.Where(f => f.IsError && f.Code is not (ErrorCodes.SignatureMissing or ErrorCodes.SignatureInvalid)))
        {
            var located = ReceptionCheck.Located(f);
            if (f.Path is { } path && InvoiceIndex().Match(path) is { Success: true } m)
            {
                var index = int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
                var code = path.EndsWith("/LDo", StringComparison.Ordinal) || f.Message.Contains("'LDo'", StringComparison.Ordinal)
                    ? CorrectionCodes.ReasonMissing
                    : ErrorCodes.SchemaViolation;
                if (!byInvoice.TryGetValue(index, out var list)) byInvoice[index] = list = [];
                list.Add(ReceptionCheck.Reason(code, located));
            }
            else
                whole.Add(ReceptionCheck.Reason(ErrorCodes.SchemaViolation, located));
        }

        if (noticeTaxCode is not null && notice.EnvelopeTaxCode is { } envelope && noticeTaxCode != envelope)
            whole.Add(ReceptionCheck.Reason(ErrorCodes.SellerMstMismatch,
                $"DLTBao/MST {noticeTaxCode} differs from the envelope MST {envelope} (/TDiep/DLieu/TBao/DLTBao/MST)"));
        return new Split(whole, byInvoice);
    }

    private static string Located(string detail, int line, int column, string? path)
    {
        var where = new List<string>(2);
        if (line > 0) where.Add($"line {line}:{column}");
        if (path is { Length: > 0 }) where.Add(path);
        return where.Count == 0 ? detail : $"{detail} ({string.Join(", ", where)})";
    }

    [GeneratedRegex(@"^/TDiep/DLieu/TBao/DLTBao/DSHDon/HDon\[(\d+)\]")]
    private static partial Regex InvoiceIndex();
}

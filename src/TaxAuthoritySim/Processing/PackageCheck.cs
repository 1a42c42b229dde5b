using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>
/// Step 1 of Decision 1391 on one 206, except code uniqueness against the store (7005), which the
/// processor adds: the taxpayer's state (2001–2004), schema and package rules (3001–3003, 6001,
/// 7001–7004, 7006), the signature and certificate (4001–4004) and the T-VAN's contract (5001/5002).
/// Every failure is listed.
/// </summary>
public static class PackageCheck
{
    public sealed record Result(List<Failure> Failures, ValidationResult Validation);

    /// <summary>One failed check: code, English detail and where (invoice, line:column, path).</summary>
    public sealed record Failure(string Code, string Detail, int? InvoiceIndex = null, string? InvoiceCode = null,
        int Line = 0, int Column = 0, string? Path = null);

    /// <param name="mstFromEnvelope">TTChung/MST as read at reception.</param>
    public static Result Run(byte[] body, string? mstFromEnvelope, ReferenceData registry, Tvan? tvan, DateTimeOffset receivedAt)
    {
        var failures = new List<Failure>();
        var taxpayer = registry.Taxpayer(mstFromEnvelope);
        var blocks = taxpayer?.CashRegister is { } cr ? new HashSet<string>(cr.CodeBlocks, StringComparer.Ordinal) : null;

        var v = MessageValidator.Validate(body, new ValidationOptions { Advisory = false, IssuedCodeBlocks = blocks });
        var mst = v.TaxCode ?? mstFromEnvelope;

        // Check 1 (and 3, and the registration): the taxpayer.
        if (taxpayer is null)
            failures.Add(new Failure(ErrorCodes.MstUnknown, $"MST {mst} is not in the taxpayer registry", Path: "/TDiep/TTChung/MST"));
        else
        {
            if (!taxpayer.IsActive)
                failures.Add(new Failure(ErrorCodes.MstNotActive,
                    $"MST {mst} is in state {taxpayer.Status} ({StateName(taxpayer.Status)}); active states are 00, 02, 04",
                    Path: "/TDiep/TTChung/MST"));
            if (taxpayer.StoppedUsingEinvoices)
                failures.Add(new Failure(ErrorCodes.TaxpayerStopped, $"taxpayer {mst} has stopped using e-invoices", Path: "/TDiep/TTChung/MST"));
            if (taxpayer.CashRegister is null)
                failures.Add(new Failure(ErrorCodes.NoCashRegisterRegistration,
                    $"taxpayer {mst} has no accepted registration for cash-register invoices", Path: "/TDiep/TTChung/MST"));
        }

        // Checks 2, 4 (signature), 6, 7 (except 7005): from the validator.
        foreach (var f in v.Findings.Where(f => f.IsError))
        {
            // Reception passed the envelope; a header problem only the full schema sees is a schema error here.
            var code = f.Code.StartsWith('1') ? ErrorCodes.SchemaViolation : f.Code;
            failures.Add(new Failure(code, f.Message, f.InvoiceIndex, f.InvoiceCode, f.Line, f.Column, f.Path));
        }

        // Check 4: whose certificate, valid when.
        var package = v.Signatures.FirstOrDefault(s => s.Path.StartsWith("/TDiep/CKSNNT", StringComparison.Ordinal));
        if (package?.Certificate is { } cert && taxpayer is not null)
            CheckCertificate(cert, package, taxpayer, receivedAt, failures);

        // Check 5: the T-VAN's contract.
        var today = VietnamTime.Date(receivedAt);
        if (tvan?.Contract is null)
            failures.Add(new Failure(ErrorCodes.TvanNoContract, $"T-VAN {tvan?.Code} has no contract with the tax authority", Path: "/TDiep/TTChung/MNGui"));
        else if (!tvan.Contract.InForceOn(today))
            failures.Add(new Failure(ErrorCodes.TvanContractNotInForce,
                $"T-VAN {tvan.Code}'s contract is {tvan.Contract.Status}, {tvan.Contract.From:yyyy-MM-dd} to {tvan.Contract.To:yyyy-MM-dd}; today is {today:yyyy-MM-dd}",
                Path: "/TDiep/TTChung/MNGui"));

        return new Result(failures, v);
    }

    private static void CheckCertificate(X509Certificate2 cert, SignatureCheck signature, Taxpayer taxpayer,
        DateTimeOffset receivedAt, List<Failure> failures)
    {
        const string path = "/TDiep/CKSNNT/Signature/KeyInfo/X509Data/X509Certificate";
        if (taxpayer.Certificates.Count > 0)
        {
            var raw = cert.RawData;
            if (!taxpayer.Certificates.Any(c => c.AsSpan().SequenceEqual(raw)))
                failures.Add(new Failure(ErrorCodes.CertificateNotTaxpayers,
                    $"certificate {cert.SerialNumber} ({cert.Subject}) is not registered for {taxpayer.TaxCode}", Path: path));
        }
        else
        {
            var owner = XmlSignatureVerifier.CertificateTaxCode(cert);
            if (owner is null || !string.Equals(owner, taxpayer.TaxCode, StringComparison.Ordinal))
                failures.Add(new Failure(ErrorCodes.CertificateNotTaxpayers,
                    $"certificate subject names MST {owner ?? "(none)"}, not {taxpayer.TaxCode}", Path: path));
        }
        var signedAt = signature.SigningTime is { } st ? VietnamTime.Instant(st) : receivedAt;
        if (signedAt < cert.NotBefore.ToUniversalTime() || signedAt > cert.NotAfter.ToUniversalTime())
            failures.Add(new Failure(ErrorCodes.CertificateNotValidAtSigningTime,
                $"signed at {VietnamTime.Local(signedAt):yyyy-MM-ddTHH:mm:ss}; the certificate is valid {VietnamTime.Local(cert.NotBefore.ToUniversalTime()):yyyy-MM-dd} to {VietnamTime.Local(cert.NotAfter.ToUniversalTime()):yyyy-MM-dd}",
                Path: path));
    }

    public static string StateName(string status) => status switch
    {
        "00" => "đang hoạt động",
        "01" => "ngừng hoạt động, đã hoàn thành thủ tục chấm dứt hiệu lực MST",
        "02" => "đã chuyển cơ quan thuế quản lý",
        "03" => "ngừng hoạt động, chưa hoàn thành thủ tục chấm dứt hiệu lực MST",
        "04" => "đang hoạt động (hộ kinh doanh, cá nhân kinh doanh)",
        "05" => "tạm ngừng kinh doanh có thời hạn",
        "06" => "không hoạt động tại địa chỉ đã đăng ký",
        "07" => "chờ khôi phục mã số thuế",
        _ => "trạng thái " + status,
    };

    /// <summary>The failures as LDo entries of a 204, numbered, with Vietnamese texts and located notes.</summary>
    public static List<CheckError> ToErrors(IEnumerable<Failure> failures, int max = 500)
    {
        var list = failures.ToList();
        var errors = new List<CheckError>();
        foreach (var f in list.Take(max))
            errors.Add(new CheckError
            {
                Index = errors.Count + 1,
                Code = f.Code,
                Text = ErrorCatalog.Describe(f.Code, f.Detail),
                Action = ErrorCatalog.Fit(ErrorCatalog.For(f.Code).Action),
                Note = Note(f),
            });
        if (list.Count > max)
            errors.Add(new CheckError
            {
                Index = errors.Count + 1, Code = list[max].Code,
                Text = ErrorCatalog.Fit($"Còn {list.Count - max} lỗi khác không được liệt kê / {list.Count - max} more errors not listed"),
                Action = "Sửa các lỗi trên và gửi lại để xem các lỗi còn lại",
            });
        return errors;
    }

    /// <summary>GChu: "HDon 3 (M1-25-A1B2C-00000000003); dòng 41:9; /TDiep/DLieu/HDon[3]/…".</summary>
    public static string? Note(Failure f)
    {
        var parts = new List<string>(3);
        if (f.InvoiceIndex is { } i) parts.Add(f.InvoiceCode is { Length: > 0 } c ? $"HDon {i} ({c})" : $"HDon {i}");
        if (f.Line > 0) parts.Add($"dòng {f.Line}:{f.Column}");
        if (f.Path is { Length: > 0 } p) parts.Add(p);
        return parts.Count == 0 ? null : ErrorCatalog.Fit(string.Join("; ", parts));
    }
}

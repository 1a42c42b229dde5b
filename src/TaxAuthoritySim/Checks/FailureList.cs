using ConformanceKit.Einvoice.Model;
using ConformanceKit.TaxAuthoritySim.Notices;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>Failures as the LDo entries of a 204: numbered, with the Vietnamese texts and a located note.</summary>
public static class FailureList
{
    /// <summary>At most <paramref name="max"/> entries, then one that counts the rest.</summary>
    public static List<CheckError> ToErrors(IEnumerable<CheckFailure> failures, int max = 500)
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
    public static string? Note(CheckFailure f)
    {
        var parts = new List<string>(3);
        if (f.InvoiceIndex is { } i) parts.Add(f.InvoiceCode is { Length: > 0 } c ? $"HDon {i} ({c})" : $"HDon {i}");
        if (f.Line > 0) parts.Add($"dòng {f.Line}:{f.Column}");
        if (f.Path is { Length: > 0 } p) parts.Add(p);
        // The path is the 204's only structured locator of the invoice (a T-VAN reads /TDiep/DLieu/HDon[n], not the words).
        if (f.InvoiceIndex is { } n && f.Path?.StartsWith($"/TDiep/DLieu/HDon[{n}]", StringComparison.Ordinal) != true)
            parts.Add($"/TDiep/DLieu/HDon[{n}]");
        return parts.Count == 0 ? null : ErrorCatalog.Fit(string.Join("; ", parts));
    }
}

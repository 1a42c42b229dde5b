using System.Text.RegularExpressions;
using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Provider;

/// <summary>
/// Decides what a 204 LTBao 7 means for each invoice of the package. Nothing of a refused package
/// is stored, so every invoice needs a decision:
/// <list type="bullet">
/// <item>7005 (code stored before): accepted — the engine then checks by look-up that one of its own packages carried it;</item>
/// <item>errors a provider fixes by rebuilding and re-signing (4001, 4002, 6001, 7006), or no error of its own: issued again, for a new package;</item>
/// <item>errors of the seller's or provider's standing (2001–2004, 4003, 4004, 5001, 5002): held until `retry`;</item>
/// <item>any other error of the invoice's own data: rejected — surfaced; its code is never re-issued.</item>
/// </list>
/// An invoice re-packaged <see cref="ProviderOptions.MaxPackagings"/> times is held instead of looping.
/// </summary>
public static partial class NoticeTriage
{
    public const string AlreadyStored = "7005";

    private static readonly HashSet<string> Fixable = ["4001", "4002", "6001", "7006"];
    private static readonly HashSet<string> Standing = ["2001", "2002", "2003", "2004", "4003", "4004", "5001", "5002"];

    public static IReadOnlyList<InvoiceOutcome> Triage(IReadOnlyList<CheckError> errors, IReadOnlyList<string> codes,
        Func<string, int> packagings, int maxPackagings)
    {
        var byInvoice = new Dictionary<int, List<CheckError>>();
        var packageLevel = new List<CheckError>();
        foreach (var e in errors)
        {
            if (InvoiceIndex(e.Note) is { } i && i >= 1 && i <= codes.Count)
            {
                if (!byInvoice.TryGetValue(i, out var list)) byInvoice[i] = list = [];
                list.Add(e);
            }
            else packageLevel.Add(e);
        }
        var held = packageLevel.Where(e => Standing.Contains(e.Code ?? "")).ToList();
        var outcomes = new List<InvoiceOutcome>(codes.Count);
        for (var i = 1; i <= codes.Count; i++)
        {
            var own = byInvoice.GetValueOrDefault(i) ?? [];
            var code = codes[i - 1];
            if (own.Any(e => e.Code == AlreadyStored))
                outcomes.Add(new InvoiceOutcome(code, InvoiceState.Accepted, AlreadyStored, "stored by an earlier package (7005)"));
            else if (held.Count > 0)
                outcomes.Add(new InvoiceOutcome(code, InvoiceState.Held, Codes(held), Describe(held)));
            else if (own.Count > 0 && !own.All(e => Fixable.Contains(e.Code ?? "")))
                outcomes.Add(new InvoiceOutcome(code, InvoiceState.Rejected, Codes(own), Describe(own)));
            else if (packagings(code) >= maxPackagings)
                outcomes.Add(new InvoiceOutcome(code, InvoiceState.Held, Codes([.. own, .. packageLevel]),
                    $"refused {packagings(code)} times: " + Describe([.. own, .. packageLevel])));
            else
                outcomes.Add(new InvoiceOutcome(code, InvoiceState.Issued, Codes([.. own, .. packageLevel]), null));
        }
        return outcomes;
    }

    public static string Codes(IEnumerable<CheckError> errors) => string.Join(",", errors.Select(e => e.Code).Distinct());

    public static string Describe(IEnumerable<CheckError> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Code} {e.Text}{(e.Note is { Length: > 0 } n ? $" ({n})" : "")}"));

    /// <summary>
    /// The 1-based HDon an LDo is about, from the element path in its GChu — the only locator a 204 carries (LDo has
    /// MLoi, MTLoi, HDXLy and GChu, no invoice field). GChu is "; "-separated parts; the part that is a path is read
    /// strictly: it must start /TDiep/DLieu/HDon[n] (then "/" or the end). The words around it ("HDon 3 (M1-…)",
    /// "dòng 41:9", in whatever language) are not read. Null for a package-level error (no such path).
    /// </summary>
    public static int? InvoiceIndex(string? note)
    {
        if (string.IsNullOrEmpty(note)) return null;
        foreach (var part in note.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (InvoicePath().Match(part) is { Success: true } m
                && int.TryParse(m.Groups[1].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i)
                && i >= 1)
                return i;
        return null;
    }

    [GeneratedRegex(@"^/TDiep/DLieu/HDon\[([0-9]{1,9})\](?:/|…|$)", RegexOptions.CultureInvariant)]
    private static partial Regex InvoicePath();
}

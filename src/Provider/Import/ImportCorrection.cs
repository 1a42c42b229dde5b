using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Import;

/// <summary>
/// A correction read from a sale file or the intermediate table (docs/provider-import.md#corrections): what to do
/// (<c>correction</c>: cancel, replace, adjust_increase, adjust_decrease), to which invoice (<c>related_code</c>, its
/// MCCQT) and why (<c>reason</c>, LDo of the 303; required for cancel and replace).
/// </summary>
public sealed record ImportedCorrection(CorrectionKind Kind, string Code, string? Reason)
{
    public const string Accepted = "cancel, replace, adjust_increase, adjust_decrease (or empty for a sale)";

    /// <summary>The request for the intake; <paramref name="sale"/> is the new invoice's (ignored for a cancel).</summary>
    public CorrectionRequest Request(Sale? sale) => new(Kind, Code, Reason, Kind == CorrectionKind.Cancel ? null : sale);

    /// <summary>
    /// Reads the three values; null when <paramref name="kind"/> is empty (a sale) or a value is wrong — then each wrong
    /// value is reported at <paramref name="row"/> under the column <paramref name="columnOf"/> names.
    /// </summary>
    internal static ImportedCorrection? Read(string kind, string code, string reason, int row, Func<string, string> columnOf,
        Action<int, string, string> error)
    {
        kind = kind.Trim().ToLowerInvariant();
        if (kind.Length == 0)
        {
            if (code.Length > 0) error(row, columnOf("related_code"), "a related invoice is given but no correction: set correction (" + Accepted + ")");
            return null;
        }
        CorrectionKind? parsed = kind switch
        {
            "cancel" => CorrectionKind.Cancel,
            "replace" => CorrectionKind.Replace,
            "adjust_increase" => CorrectionKind.AdjustIncrease,
            "adjust_decrease" => CorrectionKind.AdjustDecrease,
            _ => null,
        };
        var ok = true;
        if (parsed is null)
        {
            error(row, columnOf("correction"), $"'{kind}' is not a correction; accepted: {Accepted}");
            ok = false;
        }
        if (code.Length == 0)
        {
            error(row, columnOf("related_code"), "a value is required: the code (MCCQT) of the invoice corrected");
            ok = false;
        }
        else if (!CashRegisterCode.TryParse(code, out _, out var bad))
        {
            error(row, columnOf("related_code"), $"'{code}' is not an invoice code (MCCQT): {bad}");
            ok = false;
        }
        var needsReason = parsed is CorrectionKind.Cancel or CorrectionKind.Replace;
        if (needsReason && reason.Trim().Length == 0)
        {
            error(row, columnOf("reason"), "a value is required: the reason (LDo) the Form 04/SS-HĐĐT carries");
            ok = false;
        }
        else if (SaleLimits.FindId(reason.Trim(), "reason", 255) is { } why)
        {
            error(row, columnOf("reason"), why.Message);
            ok = false;
        }
        return ok ? new ImportedCorrection(parsed!.Value, code, reason.Trim().Length == 0 ? null : reason.Trim()) : null;
    }
}

namespace ConformanceKit.TaxAuthoritySim.Corrections;

/// <summary>
/// The replacement and adjustment chain rules of Decision 1391 (domain.md), over an invoice's stored state. Each
/// answers null when allowed, else an English detail naming the rule broken. Used by Step 1 (206 with TTHDLQuan,
/// 9001/9002), by the 301 (a 303's cancel, adjust or replace, 9104) and, with dates, by Step 2 (8004/8005).
/// </summary>
public static class ChainRules
{
    /// <summary>A replacement: the replaced invoice is not cancelled, not adjusted, not already replaced, not an adjustment.</summary>
    public static string? Replace(InvoiceState target) =>
        target.IsCancelled ? $"replaces {target.Name}, which was cancelled by {target.Cancellation!.MessageId}"
        : target.IsReplaced ? $"replaces {target.Name}, already replaced by {target.ReplacedBy[0].Code}"
        : target.IsAdjusted ? $"replaces {target.Name}, already adjusted by {target.AdjustedBy[0].Code}"
        : target.IsAdjustment ? $"replaces {target.Name}, which is itself an adjustment invoice"
        : null;

    /// <summary>An adjustment: the adjusted invoice is not cancelled, not replaced, not a replacement, not an adjustment.</summary>
    public static string? Adjust(InvoiceState target) =>
        target.IsCancelled ? $"adjusts {target.Name}, which was cancelled by {target.Cancellation!.MessageId}"
        : target.IsReplaced ? $"adjusts {target.Name}, already replaced by {target.ReplacedBy[0].Code}"
        : target.IsReplacement ? $"adjusts {target.Name}, which is itself a replacement invoice"
        : target.IsAdjustment ? $"adjusts {target.Name}, which is itself an adjustment invoice"
        : null;

    /// <summary>
    /// A cancel: an invoice already replaced or adjusted is not cancelled (the replacement stands in for it, the
    /// adjustment would be left adjusting nothing). A cancel of a cancelled invoice is <see cref="CorrectionCodes.AlreadyCancelled"/>.
    /// </summary>
    public static string? Cancel(InvoiceState target) =>
        target.IsReplaced ? $"cancels {target.Name}, already replaced by {target.ReplacedBy[0].Code}"
        : target.IsAdjusted ? $"cancels {target.Name}, already adjusted by {string.Join(", ", target.AdjustedBy.Select(a => a.Code))}"
        : null;
}

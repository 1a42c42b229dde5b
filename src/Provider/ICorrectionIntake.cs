using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider;

/// <summary>
/// Where corrections of accepted invoices enter the provider from the middleware connection modes (sale files, the
/// intermediate table; docs/provider-import.md): cancel, replace, adjust, each keyed by its request id like a sale, so a
/// re-import after a crash never corrects an invoice twice.
/// </summary>
public interface ICorrectionIntake
{
    /// <summary>
    /// Why the chain rules (docs/corrections.md) refuse <paramref name="request"/> now, or null when it may go — or was
    /// done already under <paramref name="requestId"/>. Checked for a whole file before anything of it is sent.
    /// </summary>
    string? CheckCorrection(string requestId, CorrectionRequest request);

    /// <summary>Carries the correction out; the same <paramref name="requestId"/> again returns the first result (Existing).</summary>
    /// <exception cref="CorrectionRefusedException">unknown invoice (404), no reason (400), or the chain rules forbid it (409).</exception>
    /// <exception cref="ArgumentException">the replacement's or adjustment's sale cannot be invoiced.</exception>
    Task<CorrectionReceipt> SubmitCorrectionAsync(string requestId, CorrectionRequest request, string? registerId, CancellationToken cancellationToken);
}

/// <summary>What a correction does to the invoice it names.</summary>
public enum CorrectionKind
{
    /// <summary>A 303 (Form 04/SS-HĐĐT) with TCTBao 1.</summary>
    Cancel,

    /// <summary>A replacement invoice (TCHDon 1) and a 303 with TCTBao 3.</summary>
    Replace,

    /// <summary>An adjustment invoice (TCHDon 2) whose amounts are the increase.</summary>
    AdjustIncrease,

    /// <summary>An adjustment invoice (TCHDon 2) whose amounts are the decrease (written negative).</summary>
    AdjustDecrease,
}

/// <summary>A correction of invoice <paramref name="Code"/> (its MCCQT); <paramref name="Sale"/> is the new invoice's (none for a cancel).</summary>
public sealed record CorrectionRequest(CorrectionKind Kind, string Code, string? Reason, Sale? Sale);

/// <summary>
/// The result of a correction: <paramref name="Invoice"/> the replacement or adjustment issued (null for a cancel),
/// <paramref name="Notice"/> the MTDiep of the 303 sent (cancel, replace), <paramref name="Existing"/> when done before.
/// </summary>
public sealed record CorrectionReceipt(string RequestId, CorrectionRequest Request, IssuedInvoice? Invoice, string? Notice, bool Existing)
{
    /// <summary>The invoice to show the shop: the new one, or the cancelled one.</summary>
    public string Code => Invoice?.Code.Value ?? Request.Code;
}

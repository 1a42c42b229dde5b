using ConformanceKit.Provider.Pos;
using Correction = ConformanceKit.Einvoice.Samples.SampleErroneousNoticeBuilder.Correction;

namespace ConformanceKit.Provider;

/// <summary>Corrections from the middleware connection modes (<see cref="ICorrectionIntake"/>), over the API's operations.</summary>
public sealed partial class ProviderEngine : ICorrectionIntake
{
    public string? CheckCorrection(string requestId, CorrectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Done(requestId, request)) return null;
        if (_store.InvoiceByCode(request.Code) is not { } invoice) return $"no invoice {request.Code} was issued here";
        var what = request.Kind switch
        {
            CorrectionKind.Cancel => Correction.Cancel,
            CorrectionKind.Replace => Correction.Replace,
            _ => Correction.Adjust,
        };
        return Refusal(invoice, _store.Chain(request.Code), what);
    }

    public async Task<CorrectionReceipt> SubmitCorrectionAsync(string requestId, CorrectionRequest request, string? registerId,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(request);
        if ((SaleLimits.FindId(requestId, "saleId", SaleLimits.IntakeIdLength)
                ?? SaleLimits.FindId(registerId, "registerId", SaleLimits.RegisterIdLength)) is { } bad)
            throw new ArgumentException(bad.ToString(), nameof(requestId));
        switch (request.Kind)
        {
            case CorrectionKind.Cancel:
                if (Done(requestId, request))
                    return new CorrectionReceipt(requestId, request, null, CancelNotice(request.Code)?.MessageId, true);
                var notice = await CancelAsync(request.Code, request.Reason, cancellationToken);
                return new CorrectionReceipt(requestId, request, null, notice.MessageId, false);
            case CorrectionKind.Replace:
                var (replacement, sent) = await ReplaceAsync(request.Code, Needed(request), request.Reason, cancellationToken, requestId, registerId);
                return new CorrectionReceipt(requestId, request, replacement, sent.MessageId, replacement.Record.Existing);
            default:
                var adjustment = await AdjustAsync(request.Code, Needed(request), request.Kind == CorrectionKind.AdjustDecrease, requestId,
                    cancellationToken, registerId);
                return new CorrectionReceipt(requestId, request, adjustment, null, adjustment.Record.Existing);
        }
    }

    private static Sale Needed(CorrectionRequest request) =>
        request.Sale ?? throw new CorrectionRefusedException(400, "the correction has no lines", "a replacement or an adjustment needs the new invoice's lines");

    /// <summary>
    /// Done already: the replacement or adjustment under this request id was issued; the invoice to cancel is being
    /// cancelled or cancelled by a 303 (cancelling twice asks for what is already so).
    /// </summary>
    private bool Done(string requestId, CorrectionRequest request) => request.Kind == CorrectionKind.Cancel
        ? _store.InvoiceByCode(request.Code) is { State: InvoiceState.Cancelling or InvoiceState.Cancelled } && CancelNotice(request.Code) is not null
        : _store.InvoiceBySale(requestId) is not null;

    private NoticeItem? CancelNotice(string code) =>
        _store.NoticeItemsOf(code).LastOrDefault(i => i.Action == (int)Correction.Cancel && i.NoticeState != PackageState.Rejected);
}

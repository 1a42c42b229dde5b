using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Intake;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>
/// A registration (100, Form 01/ĐKTĐ-HĐĐT): a 102 says whether it was received, then a 103 whether
/// the cash-register option is accepted. Acceptance issues a fresh code block and records the forms
/// and the date that later data checks use.
/// </summary>
public sealed class RegistrationProcessor(
    ISimulatorStore store,
    RegistryService registry,
    ResponseFactory responses,
    SenderClock clock)
{
    public async Task ProcessAsync(InboundMessage m, CancellationToken ct)
    {
        var reg = registry.Current;
        var tvan = reg.Tvans.GetValueOrDefault(m.TvanCode);
        var taxpayer = reg.Taxpayer(m.TaxCode);
        var at = clock.Now(m.TvanCode);
        if (at > m.ReceivedAt + Hosting.SimulatorSettings.NoticeDeadline) at = m.ReceivedAt + Hosting.SimulatorSettings.NoticeDeadline;

        // 102: was the form received? Schema, signature and a known MST.
        var v = MessageValidator.Validate(m.Body, new ValidationOptions { Advisory = false });
        var notReceived = v.Findings.Where(f => f.IsError)
            .Select(f => ReceptionCheck.Reason(f.Code.StartsWith('1') ? ErrorCodes.SchemaViolation : f.Code, ReceptionCheck.Located(f)))
            .ToList();
        if (v.Signatures.Count == 0)
            notReceived.Add(ReceptionCheck.Reason(ErrorCodes.SignatureMissing, "the registration carries no signature (TKhai/DSCKS/NNT)"));
        if (taxpayer is null)
            notReceived.Add(ReceptionCheck.Reason(ErrorCodes.MstUnknown, $"MST {m.TaxCode} is not in the taxpayer registry"));
        Registration? form = null;
        if (notReceived.Count == 0)
        {
            try { form = MessageReader.Read<Registration>(m.Body); }
            catch (MessageFormatException ex) { notReceived.Add(ReceptionCheck.Reason(ErrorCodes.SchemaViolation, ex.Message)); }
        }

        var name = taxpayer?.Name ?? form?.TaxpayerName ?? m.TaxCode ?? "";
        var input = new ResponseFactory.RegistrationInput(m.MessageId, m.Sender, m.TaxCode ?? "", name,
            reg.Authority.Place, $"{m.Seq:D9}/TB-TNĐT", at, notReceived);
        var (receiptId, receipt) = responses.RegistrationReceipt(input, m.ReceivedAt);
        var outs = new List<OutboundResponse> { Response(receiptId, "102", receipt, m, at, tvan, notReceived.Count == 0 ? "THop 1" : "THop 2") };
        var journal = new List<JournalEntry> { Out("102", receiptId, m, at, notReceived.Count == 0 ? "THop 1 received" : Codes("THop 2 not received", notReceived)) };
        var outcome = notReceived.Count == 0 ? "102 THop 1" : Codes("102 THop 2", notReceived);

        if (notReceived.Count == 0 && form is not null && taxpayer is not null)
        {
            // 103: accept the cash-register option?
            var refusals = new List<Reason>();
            if (form.InvoiceMethods?.CashRegister != 1)
                refusals.Add(ReceptionCheck.Reason(ErrorCodes.NoCashRegisterRegistration,
                    "the form does not choose invoices generated from a cash register (HTHDon/CMTMTTien = 1)"));
            if (!taxpayer.IsActive)
                refusals.Add(ReceptionCheck.Reason(ErrorCodes.MstNotActive, $"MST {taxpayer.TaxCode} is in state {taxpayer.Status}"));
            if (taxpayer.StoppedUsingEinvoices)
                refusals.Add(ReceptionCheck.Reason(ErrorCodes.TaxpayerStopped, $"taxpayer {taxpayer.TaxCode} has stopped using e-invoices"));

            var blocks = new List<string>();
            DateOnly? effective = null;
            if (refusals.Count == 0)
            {
                effective = VietnamTime.Date(at);
                var (updated, _) = await registry.AcceptCashRegisterAsync(taxpayer.TaxCode, Forms(form.FormsUsed),
                    effective.Value, keepExistingBlocks: form.Kind == 2, ct);
                blocks.AddRange(updated.CashRegister!.CodeBlocks);
            }
            var (decisionId, decision) = responses.RegistrationDecision(
                input with { Number = $"{m.Seq:D9}/TB-ĐKĐT", Reasons = refusals }, m.ReceivedAt, blocks, effective);
            var summary = refusals.Count == 0 ? $"TTXNCQT 1 accepted, code blocks {string.Join(", ", blocks)}" : Codes("TTXNCQT 2 not accepted", refusals);
            outs.Add(Response(decisionId, "103", decision, m, at, tvan, summary));
            journal.Add(Out("103", decisionId, m, at, summary));
            outcome += "; 103 " + summary;
        }

        await store.CompleteAsync(new Completion
        {
            MessageId = m.MessageId, ProcessedAt = at, Outcome = outcome, Responses = outs, Journal = journal,
        }, clock.Now(m.TvanCode), ct);
    }

    /// <summary>LHDSDung flags to form numbers; none ticked = forms 1 and 2.</summary>
    private static List<int> Forms(FormsUsedFlags? f)
    {
        var forms = new List<int>();
        if (f?.VatInvoice == 1) forms.Add(1);
        if (f?.SalesInvoice == 1) forms.Add(2);
        if (f?.PublicAssetSale == 1) forms.Add(3);
        if (f?.NationalReserveSale == 1) forms.Add(4);
        if (f?.Other == 1) forms.Add(5);
        return forms.Count == 0 ? [1, 2] : forms;
    }

    private static string Codes(string prefix, List<Reason> reasons) =>
        prefix + ": " + string.Join(", ", reasons.Select(r => r.Code).Distinct());

    private static OutboundResponse Response(string id, string type, byte[] body, InboundMessage m, DateTimeOffset at, Tvan? tvan, string summary) => new()
    {
        ResponseId = id, ReplyTo = m.MessageId, Type = type, TvanCode = m.TvanCode, TaxCode = m.TaxCode,
        CreatedAt = at, VisibleAt = at, Body = body, Summary = summary,
        Callback = tvan?.CallbackUrl is null ? CallbackState.None : CallbackState.Pending,
    };

    private static JournalEntry Out(string type, string id, InboundMessage m, DateTimeOffset at, string outcome) =>
        PackageIntake.Out(type, id, m.MessageId, m.TaxCode, m.TvanCode, outcome, at, DateTimeOffset.UtcNow,
            (at - m.ReceivedAt).TotalSeconds, (DateTimeOffset.UtcNow - m.ReceivedWallAt).TotalMilliseconds);
}

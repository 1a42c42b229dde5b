using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Harness.Reports;
using Finding = ConformanceKit.Harness.Reports.Finding;
using ValidationFinding = ConformanceKit.Einvoice.Validation.Finding;
using static ConformanceKit.Harness.Observe.ObservationCase;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// OBS-ADVISORY: the arithmetic the authority does not enforce (W001–W004), the sloppy shapes it tolerates (W006 an
/// empty optional element, W007 a signing time outside the ds namespace; from the Einvoice validator) and W005 (an
/// invoice received on a later day, GMT+7, than its NLap), per invoice, as warnings: they never fail the observation.
/// </summary>
public sealed class AdvisoryCheck : IObservationCheck
{
    public const string Id = "OBS-ADVISORY";
    // Signatures are read for W007 only; their errors are another check's business.
    private static readonly ValidationOptions Options = new() { CheckSignatures = true, Advisory = true };

    public CaseReport Judge(Observation observation)
    {
        var findings = new List<Finding>();
        foreach (var p in observation.Packages.Where(p => p.Body is not null))
        {
            var result = MessageValidator.Validate(p.Body!, Options);
            foreach (var f in result.Findings.Where(f => f.Code.StartsWith('W') && f.Code != ErrorCodes.SentLate))
                findings.Add(Warning(f.Code, f.Message, p.MessageId, f.InvoiceCode, Location(f)));
            var receivedOn = VietnamClock.Day(p.ReceivedAt);
            for (var i = 0; i < p.Invoices.Count; i++)
            {
                var invoice = p.Invoices[i];
                if (invoice.General.IssueDate is { } issued && receivedOn > issued)
                    findings.Add(Warning(ErrorCodes.SentLate,
                        $"invoice issued (NLap) {issued:yyyy-MM-dd} but sent on {receivedOn:yyyy-MM-dd} (received {VietnamClock.Format(p.ReceivedAt)}): " +
                        "sent on a later day than issued",
                        p.MessageId, invoice.Code, $"/TDiep/DLieu/HDon[{i + 1}]/DLHDon/TTChung/NLap"));
            }
        }
        return Of(Id, "Advisory findings W001–W007", "Cảnh báo W001–W007",
            "contract: advisory findings (the authority never rejects for them); W005 invoice sent on a later day than issued; W006/W007 shapes tolerated (docs/compatibility.md)",
            "no W001–W007; warnings are reported but do not fail the observation",
            findings, observation.ExchangesAbout(findings.Select(f => f.MessageId).Distinct()));
    }

    private static string? Location(ValidationFinding f) =>
        f.Path is null ? (f.Location.Length > 0 ? f.Location : null) : f.Location.Length > 0 ? $"{f.Path} ({f.Location})" : f.Path;
}

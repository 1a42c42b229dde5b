using System.Reflection;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>A session as the shared contract's <see cref="CertificationSessionResult"/>: what the certificate is built from.</summary>
public static class SessionResults
{
    public static string ToolVersion { get; } =
        typeof(SessionResults).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SessionResults).Assembly.GetName().Version?.ToString() ?? "0";

    public static async Task<CertificationSessionResult> BuildAsync(CertificationSession session, TestPlan plan, ISimulatorStore store,
        SenderClock clock, CancellationToken ct)
    {
        var taken = session.Activity.Where(JudgeContext.IsTaken).Select(a => a.MessageId!).Distinct().ToList();
        var invoices = 0;
        var notices = 0;
        foreach (var id in taken)
        {
            invoices += (await store.InvoicesOfAsync(id, ct)).Count;
            notices += (await store.ResponsesToAsync(id, ct)).Count;
        }
        var steps = plan.Steps.Select((step, i) =>
        {
            var state = session.Steps[i];
            return new CertificationStepResult(step.Id, step.Title, Instruction(step, session, "en"),
                state.Verdict ?? CertificationVerdicts.Incomplete,
                state.Verdict is null ? [state.StartedAt is null ? "not reached" : "open: not ended yet"] : state.Reasons,
                state.Messages, state.StartedAt, state.EndedAt);
        }).ToList();
        return new CertificationSessionResult(session.Id, session.PlanId, session.PlanVersion, session.VendorName, session.SystemName,
            session.SystemVersion, session.Sender, session.StartedAt, session.EndedAt ?? DateTimeOffset.UtcNow,
            session.SimulatedStart, session.SimulatedEnd ?? clock.Now(session.Sender), taken.Count, invoices, notices,
            CertificationService.Overall(session, taken.Count), steps, ToolVersion);
    }

    /// <summary>The step's instruction for this session ({mst}, {block}, {sender} filled in).</summary>
    public static string Instruction(PlanStep step, CertificationSession session, string language) =>
        (language == "vi" ? step.Instruction.Vi : step.Instruction.En)
            .Replace("{mst}", session.TaxCode, StringComparison.Ordinal)
            .Replace("{block}", string.Join(", ", session.Blocks), StringComparison.Ordinal)
            .Replace("{sender}", session.Sender, StringComparison.Ordinal);
}

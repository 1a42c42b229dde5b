using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>A plan as the certifier picks it.</summary>
public sealed record PlanView(string Id, string Version, string Title, string Connection, IReadOnlyList<PlanStepView> Steps)
{
    public static PlanView Of(TestPlan p) => new(p.Id, p.Version, p.Title, p.Connection,
        [.. p.Steps.Select(s => new PlanStepView(s.Id, s.Title, s.Instruction.En, s.Instruction.Vi, s.Judge))]);
}

public sealed record PlanStepView(string Id, string Title, string InstructionEn, string InstructionVi, IReadOnlyList<string> Judge);

/// <summary>A session as the certifier and the vendor see it (the vendor: only its own).</summary>
public sealed record SessionView(
    string SessionId, string VendorName, string SystemName, string SystemVersion, string PlanId, string PlanVersion, string PlanTitle,
    string Connection, string Sender, string TaxCode, IReadOnlyList<string> Blocks, bool Open, string? CurrentStep,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Requests, string Verdict, IReadOnlyList<SessionStepView> Steps,
    double ClockOffsetSeconds)
{
    public static SessionView Of(CertificationSession s, TestPlan plan, ReferenceData registry)
    {
        var taken = s.Activity.Where(JudgeContext.IsTaken).Select(a => a.MessageId).Distinct().Count();
        return new SessionView(s.Id, s.VendorName, s.SystemName, s.SystemVersion, s.PlanId, s.PlanVersion, plan.Title, plan.Connection,
            s.Sender, s.TaxCode, registry.Taxpayer(s.TaxCode)?.CashRegister?.CodeBlocks ?? s.Blocks, s.IsOpen,
            s.IsOpen && s.Current < s.Steps.Count ? s.Steps[s.Current].StepId : null, s.StartedAt, s.EndedAt, s.Activity.Count,
            s.IsOpen ? "OPEN" : CertificationService.Overall(s, taken),
            [.. plan.Steps.Select((step, i) => new SessionStepView(step.Id, step.Title,
                SessionResults.Instruction(step, s, "en"), SessionResults.Instruction(step, s, "vi"),
                s.Steps[i].Verdict ?? (s.IsOpen && i == s.Current ? "OPEN" : CertificationVerdicts.Incomplete),
                s.Steps[i].Reasons, s.Steps[i].Messages, s.Steps[i].StartedAt, s.Steps[i].EndedAt))],
            s.ClockOffset.TotalSeconds);
    }
}

public sealed record SessionStepView(string StepId, string Title, string InstructionEn, string InstructionVi, string Verdict,
    IReadOnlyList<string> Reasons, IReadOnlyList<string> Messages, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);

/// <summary>POST /admin/v1/certification/sessions/{id}/clock/advance: how far to move the session's own clock.</summary>
public sealed record SessionClockAdvance(double Seconds)
{
    public const double MaxSeconds = 366 * 86400;
}

/// <summary>A session's own clock: its offset on top of the simulator's clock and the time its sender sees.</summary>
public sealed record SessionClockView(string SessionId, double OffsetSeconds, DateTimeOffset SimulatedNow, DateTimeOffset SimulatorNow)
{
    public static SessionClockView Of(CertificationSession s, CertificationService c)
    {
        var now = c.SessionNow(s);
        return new SessionClockView(s.Id, s.ClockOffset.TotalSeconds, now, now - s.ClockOffset);
    }
}

using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Clock;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>The step engine: a step's action is applied when it starts and undone when it ends; ending it judges it.</summary>
public sealed partial class CertificationService
{
    /// <summary>How ending a step went.</summary>
    public enum EndOutcome { Ended, NotFound, NotCurrent, Closed, StillProcessing }

    /// <summary>
    /// The vendor ends the open step <paramref name="stepId"/>: it is judged on the session's own traffic, its action is
    /// undone and the next step starts (or the session ends after the last one). StillProcessing when a package of the
    /// step is still being checked (try again in a moment: its 204 decides).
    /// </summary>
    public async Task<(EndOutcome Outcome, CertificationSession? Session)> EndStepAsync(string sessionId, string stepId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var sessions = await LoadedAsync(ct);
            if (!sessions.TryGetValue(sessionId, out var session)) return (EndOutcome.NotFound, null);
            if (!session.IsOpen || session.Current >= session.Steps.Count) return (EndOutcome.Closed, session);
            if (session.Steps[session.Current].StepId != stepId) return (EndOutcome.NotCurrent, session);
            var plan = plans.Find(session.PlanId)!;
            var judged = await JudgeCurrentAsync(session, plan, waitForProcessing: true, ct);
            if (judged is null) return (EndOutcome.StillProcessing, session);
            session = await FinishCurrentAsync(judged, plan, ct);
            session = session.Current < session.Steps.Count
                ? await StartStepAsync(session, plan, session.Current, ct)
                : session with { EndedAt = _wall.GetUtcNow(), SimulatedEnd = clock.Now(session.Sender) };
            sessions[session.Id] = session;
            await SaveAsync(sessions, session, ct);
            return (EndOutcome.Ended, session);
        }
        finally { _gate.Release(); }
    }

    /// <summary>The certifier ends a session: the open step is judged as it stands, the steps never reached stay INCOMPLETE.</summary>
    public async Task<CertificationSession?> EndSessionAsync(string sessionId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var sessions = await LoadedAsync(ct);
            if (!sessions.TryGetValue(sessionId, out var session)) return null;
            if (!session.IsOpen) return session;
            var plan = plans.Find(session.PlanId)!;
            if (session.Current < session.Steps.Count)
                session = await FinishCurrentAsync((await JudgeCurrentAsync(session, plan, waitForProcessing: false, ct))!, plan, ct);
            session = session with { EndedAt = _wall.GetUtcNow(), SimulatedEnd = clock.Now(session.Sender) };
            sessions[session.Id] = session;
            await SaveAsync(sessions, session, ct);
            return session;
        }
        finally { _gate.Release(); }
    }

    /// <summary>The open step with its verdict, reasons and messages set; null when a package is still processing and waiting was asked.</summary>
    private async Task<CertificationSession?> JudgeCurrentAsync(CertificationSession session, TestPlan plan, bool waitForProcessing,
        CancellationToken ct)
    {
        var index = session.Current;
        var state = session.Steps[index];
        var now = _wall.GetUtcNow();
        var fired = faults.List().Where(f => f.Id is { } id && state.FaultIds.Contains(id)).ToList();
        var context = new JudgeContext(session, plan.Steps[index], state.StartedAt ?? session.StartedAt, now, store, registry.Current, fired);
        var verdict = await StepJudges.JudgeAsync(context, ct);
        if (verdict.Waiting && waitForProcessing) return null;
        var steps = session.Steps.ToList();
        steps[index] = state with { EndedAt = now, Verdict = verdict.Verdict, Reasons = verdict.Reasons, Messages = verdict.Messages };
        return session with { Steps = steps };
    }

    /// <summary>Undoes the open step's action and moves on.</summary>
    private async Task<CertificationSession> FinishCurrentAsync(CertificationSession session, TestPlan plan, CancellationToken ct)
    {
        var step = plan.Steps[session.Current];
        faults.Remove(session.Steps[session.Current].FaultIds);
        if (step.Action.Contract is not null && !plan.IsDirect) await SetContractAsync(session, InForce, ct);
        return session with { Current = session.Current + 1 };
    }

    private async Task<CertificationSession> StartStepAsync(CertificationSession session, TestPlan plan, int index, CancellationToken ct)
    {
        var step = plan.Steps[index];
        if (step.Action.Contract == "expired" && !plan.IsDirect)
        {
            var yesterday = VietnamTime.Date(clock.Now(session.Sender)).AddDays(-1);
            await SetContractAsync(session, new SeedContract { From = new DateOnly(2020, 1, 1), To = yesterday, Status = "active" }, ct);
        }
        var steps = session.Steps.ToList();
        steps[index] = steps[index] with { StartedAt = _wall.GetUtcNow(), FaultIds = AddFaults(session, step) };
        return session with { Current = index, Steps = steps };
    }

    /// <summary>The step's fault rules, each narrowed to the session's sender (other sessions never meet them).</summary>
    private List<string> AddFaults(CertificationSession session, PlanStep step)
    {
        var ids = new List<string>();
        foreach (var rule in step.Action.Faults)
            if (faults.TryAdd(rule with { Id = null, Tvan = session.Sender }) is { Id: { } id }) ids.Add(id);
        return ids;
    }

    private async Task SetContractAsync(CertificationSession session, SeedContract contract, CancellationToken ct)
    {
        if (registry.Current.Tvans.GetValueOrDefault(session.Sender) is not { } tvan) return;
        await registry.ApplyAsync(new SeedDocument { Tvans = [Sender(tvan.Code, tvan.Name, tvan.ApiKey, tvan.CallbackUrl, contract)] }, ct);
    }

    /// <summary>The session's overall verdict: FAILED when a step failed; PASSED only when every step passed and there was traffic.</summary>
    public static string Overall(CertificationSession session, int packages) =>
        session.Steps.Any(s => s.Verdict == CertificationVerdicts.Failed) ? CertificationVerdicts.Failed
        : packages > 0 && session.Steps.All(s => s.Verdict == CertificationVerdicts.Passed) ? CertificationVerdicts.Passed
        : CertificationVerdicts.Incomplete;
}

using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>
/// The named server-side checks a plan's steps use, run when a step ends over the session's own traffic. A check
/// either passes, fails (the vendor's system did something wrong: FAILED), or finds the step not performed
/// (INCOMPLETE). An injected fault is what the step expects, never a failure of the vendor.
/// </summary>
public static partial class StepJudges
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "packages-taken", "every-package-answered", "faults-met", "resent-with-same-mtdiep", "lookup-after-missing-204",
        "no-code-reissued", "late-204-read", "contract-refusal-read", "registration-accepted", "new-block-used", "codes-gap-free",
    };

    public static async Task<StepVerdict> JudgeAsync(JudgeContext c, CancellationToken ct)
    {
        var reasons = new List<string>();
        var messages = new List<string>();
        bool failed = false, missing = false, waiting = false;
        foreach (var name in c.Step.Judge)
        {
            var f = await RunAsync(name, c, ct);
            messages.AddRange(f.Messages);
            if (f.Waiting) waiting = true;
            if (f.Failures.Count > 0)
            {
                failed = true;
                reasons.AddRange(f.Failures.Select(x => $"{name}: {x}"));
            }
            else if (!f.Performed)
            {
                missing = true;
                reasons.Add($"{name}: not performed — {f.NotPerformed}");
            }
            else
            {
                reasons.Add($"{name}: ok");
            }
        }
        var verdict = failed ? CertificationVerdicts.Failed : missing ? CertificationVerdicts.Incomplete : CertificationVerdicts.Passed;
        return new StepVerdict(verdict, reasons, [.. messages.Distinct()], waiting);
    }

    private static Task<CheckFinding> RunAsync(string name, JudgeContext c, CancellationToken ct) => name switch
    {
        "packages-taken" => Task.FromResult(PackagesTaken(c)),
        "every-package-answered" => EveryPackageAnsweredAsync(c, ct),
        "faults-met" => Task.FromResult(FaultsMet(c)),
        "resent-with-same-mtdiep" => Task.FromResult(ResentWithSameId(c)),
        "lookup-after-missing-204" => LookupAfterMissingAsync(c, ct),
        "no-code-reissued" => NoCodeReissuedAsync(c, ct),
        "late-204-read" => Late204ReadAsync(c, ct),
        "contract-refusal-read" => ContractRefusalReadAsync(c, ct),
        "registration-accepted" => RegistrationAcceptedAsync(c, ct),
        "new-block-used" => NewBlockUsedAsync(c, ct),
        "codes-gap-free" => Task.FromResult(CodesGapFree(c)),
        _ => throw new InvalidOperationException($"unknown check {name}"),
    };

    private static CheckFinding PackagesTaken(JudgeContext c)
    {
        var taken = c.TakenInStep("206");
        return taken.Count >= c.Step.MinPackages
            ? CheckFinding.Pass(taken)
            : CheckFinding.Missing($"{taken.Count} package(s) taken in this step; it needs at least {c.Step.MinPackages}", taken);
    }

    /// <summary>Every package posted in the step was taken and answered with 204 LTBao 2 (a 204 the step dropped excepted).</summary>
    private static async Task<CheckFinding> EveryPackageAnsweredAsync(JudgeContext c, CancellationToken ct)
    {
        var failures = new List<string>();
        var ids = new List<string>();
        var pending = new List<string>();
        foreach (var refused in c.InStep.Where(a => a is { Method: "POST", Path: JudgeContext.MessagesPath, Status: 400 or 413 } && a.MessageId is not null)
                     .Select(a => a.MessageId!).Distinct())
        {
            ids.Add(refused);
            if (!c.Session.Activity.Any(a => JudgeContext.IsTaken(a) && a.MessageId == refused))
                failures.Add($"{refused} was refused at reception (999 TTTNhan 1) and never sent correctly");
        }
        var taken = c.TakenInStep("206");
        if (taken.Count == 0 && failures.Count == 0) return CheckFinding.Missing("no package was taken in this step", ids);
        foreach (var id in taken)
        {
            ids.Add(id);
            var m = await c.Store.GetMessageAsync(id, ct);
            if (m is null) { failures.Add($"{id} is not stored"); continue; }
            if (m.State == MessageState.Received) { pending.Add(id); continue; }
            if (m.Outcome?.Contains("204 dropped", StringComparison.Ordinal) == true) continue;
            if (m.Outcome?.StartsWith("204 LTBao 2", StringComparison.Ordinal) != true)
                failures.Add($"{id} was answered {m.Outcome}: the package had errors");
        }
        if (failures.Count > 0) return new CheckFinding(true, failures, ids);
        return pending.Count > 0 ? CheckFinding.Wait($"{string.Join(", ", pending)} still being checked", ids) : CheckFinding.Pass(ids);
    }

    /// <summary>The step's faults fired as often as the step says: the vendor's system sent what they act on.</summary>
    private static CheckFinding FaultsMet(JudgeContext c)
    {
        var expected = c.Step.Action.Faults;
        if (expected.Count == 0) return CheckFinding.Pass([]);
        var short_ = c.Fired.Where(f => f.Fired < (f.FirstN ?? 1)).ToList();
        if (c.Fired.Count < expected.Count) return CheckFinding.Missing("the step's faults are not in place (was the server restarted?)");
        return short_.Count == 0
            ? CheckFinding.Pass([])
            : CheckFinding.Missing(string.Join("; ", short_.Select(f =>
                $"the service's {f.Action} fired {f.Fired} of {f.FirstN ?? 1} time(s): send what it acts on")));
    }
}

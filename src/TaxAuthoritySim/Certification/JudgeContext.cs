using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>
/// What a step is judged on: the session's own activity and the store's records of the messages it sent — never
/// another session's. <paramref name="Fired"/> are the step's own fault rules with how often each fired.
/// </summary>
public sealed record JudgeContext(CertificationSession Session, PlanStep Step, DateTimeOffset From, DateTimeOffset To,
    ISimulatorStore Store, ReferenceData Registry, IReadOnlyList<FaultRule> Fired)
{
    public const string MessagesPath = "/api/v1/messages";

    /// <summary>The session's requests within the step.</summary>
    public IEnumerable<Activity> InStep => Session.Activity.Where(a => a.At >= From && a.At <= To);

    /// <summary>Posts the portal took (HTTP 200: a 999 with TTTNhan 0, or the first 999 replayed for an identical resend).</summary>
    public static bool IsTaken(Activity a) => a.Method == "POST" && a.Path == MessagesPath && a.Status == 200 && a.MessageId is not null;

    /// <summary>Distinct MTDiep of <paramref name="type"/> taken within the step, in order.</summary>
    public IReadOnlyList<string> TakenInStep(string type) =>
        [.. InStep.Where(a => IsTaken(a) && a.MessageType == type).Select(a => a.MessageId!).Distinct()];

    /// <summary>Distinct MTDiep of <paramref name="type"/> taken in the whole session so far.</summary>
    public IReadOnlyList<string> TakenInSession(string type) =>
        [.. Session.Activity.Where(a => IsTaken(a) && a.MessageType == type && a.At <= To).Select(a => a.MessageId!).Distinct()];

    /// <summary>Reads of the answers after simulated time <paramref name="after"/>: the feed, or this message's responses.</summary>
    public bool ReadAnswersAfter(string messageId, DateTimeOffset after) =>
        Session.Activity.Any(a => a.Method == "GET" && a.Status == 200 && a.SimulatedAt >= after && a.At <= To
            && (a.Path == "/api/v1/inbox" || a.Path == $"{MessagesPath}/{messageId}/responses"));
}

/// <summary>What one check found: performed or not, the failures, and the messages involved.</summary>
public sealed record CheckFinding(bool Performed, IReadOnlyList<string> Failures, IReadOnlyList<string> Messages, string? NotPerformed = null,
    bool Waiting = false)
{
    public static CheckFinding Pass(IEnumerable<string> messages) => new(true, [], [.. messages]);

    public static CheckFinding Missing(string why, IEnumerable<string>? messages = null) => new(false, [], [.. messages ?? []], why);

    public static CheckFinding Wait(string why, IEnumerable<string> messages) => new(false, [], [.. messages], why, Waiting: true);
}

/// <summary>A step's verdict with its reasons and messages.</summary>
public sealed record StepVerdict(string Verdict, IReadOnlyList<string> Reasons, IReadOnlyList<string> Messages, bool Waiting);

namespace ConformanceKit.AuthorityContract.Certification;

/// <summary>
/// What a certification session came to, as the certification server judged it: the shape the certifier reads from
/// <c>GET /admin/v1/certification/sessions/{id}/result</c> and the certificate is built from. Verdicts are
/// <see cref="CertificationVerdicts"/> values.
/// </summary>
/// <param name="SessionId">The session's id, as the certifier created it.</param>
/// <param name="PlanId">The test plan's id (e.g. <c>tvan-provider</c>).</param>
/// <param name="PlanVersion">The test plan's version; a plan edited in any way has a new version.</param>
/// <param name="VendorName">The vendor, as registered by the certifier.</param>
/// <param name="SystemName">The vendor's system under certification, as registered by the certifier.</param>
/// <param name="SystemVersion">The system's version, as registered by the certifier.</param>
/// <param name="Sender">The session's sender code: <c>V</c>+MST for a T-VAN or provider, <c>K</c>+MST for a directly connected taxpayer.</param>
/// <param name="StartedAt">When the session started, real time.</param>
/// <param name="EndedAt">When it ended (or now, for a session still open), real time.</param>
/// <param name="SimulatedStart">The session's simulated clock at its start.</param>
/// <param name="SimulatedEnd">The session's simulated clock at its end (or now).</param>
/// <param name="Packages">Messages the vendor's system sent in the session (206 packages and other TDiep).</param>
/// <param name="Invoices">Invoices in those messages.</param>
/// <param name="Notices">Notices the server sent back (999, 204, 301, …).</param>
/// <param name="Verdict">PASSED only when every step was performed and passed; INCOMPLETE when a step was not performed or there was no traffic.</param>
/// <param name="Steps">Each step of the plan, in order.</param>
/// <param name="ToolVersion">The certification server's version.</param>
public sealed record CertificationSessionResult(
    string SessionId,
    string PlanId,
    string PlanVersion,
    string VendorName,
    string SystemName,
    string SystemVersion,
    string Sender,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    DateTimeOffset SimulatedStart,
    DateTimeOffset SimulatedEnd,
    int Packages,
    int Invoices,
    int Notices,
    string Verdict,
    IReadOnlyList<CertificationStepResult> Steps,
    string ToolVersion);

/// <summary>One step of a certification session's plan and how it was judged when it ended.</summary>
/// <param name="StepId">The step's id in the plan (e.g. <c>resend-after-503</c>).</param>
/// <param name="Title">A short title.</param>
/// <param name="Instruction">What the vendor's system was asked to do (shown to the vendor).</param>
/// <param name="Verdict">PASSED, FAILED, or INCOMPLETE (not performed, or still open).</param>
/// <param name="Reasons">Why, one line each (what was expected and what was seen).</param>
/// <param name="Messages">The MTDiep of the messages and notices involved.</param>
/// <param name="StartedAt">When the step started (real time); null when never reached.</param>
/// <param name="EndedAt">When it ended; null when not ended.</param>
public sealed record CertificationStepResult(
    string StepId,
    string Title,
    string Instruction,
    string Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Messages,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);

/// <summary>The verdicts of a certification step or session.</summary>
public static class CertificationVerdicts
{
    public const string Passed = "PASSED";
    public const string Failed = "FAILED";
    public const string Incomplete = "INCOMPLETE";
}

using System.Text.Json.Serialization;

namespace ConformanceKit.Harness.Reports;

/// <summary>The kinds of ck report, and what each is worth.</summary>
public static class ReportKinds
{
    /// <summary>`ck run`: the catalogue against a target, run by whoever holds the tool.</summary>
    public const string Run = "run";

    /// <summary>`ck observe` (and `ck provider-sim`): a vendor's own traffic judged by the vendor.</summary>
    public const string Observe = "observe";

    /// <summary>A certificate: a certification session judged by the certification server, signed by the certifier.</summary>
    public const string Certification = "certification";

    /// <summary>What <see cref="RunReport.Standing"/> says of a report that is not a certificate.</summary>
    public const string SelfRun = "self-run, not a certification";

    public static bool IsCertification(string? kind, CertificationInfo? info) =>
        string.Equals(kind, Certification, StringComparison.Ordinal) && info is not null;

    public static string StandingOf(string? kind, CertificationInfo? info) =>
        IsCertification(kind, info) ? Certification : SelfRun;
}

/// <summary>The three verdicts of a report (the same words as a certification session's).</summary>
public static class ReportVerdicts
{
    public const string Passed = "PASSED";
    public const string Failed = "FAILED";
    public const string Incomplete = "INCOMPLETE";

    public static bool IsKnown(string? verdict) => verdict is Passed or Failed or Incomplete;
}

/// <summary>
/// The window a report judges: real time (<see cref="RealFrom"/>–<see cref="RealTo"/>) and, when the session ran on a
/// simulated clock, simulated time. Either pair may be absent (a catalogue run knows no simulated window).
/// </summary>
public sealed record ReportWindow
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? RealFrom { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? RealTo { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? SimulatedFrom { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? SimulatedTo { get; init; }

    /// <summary>"2025-06-15T09:00:00.000+07:00 … 2025-06-15T10:00:00.000+07:00", or "—".</summary>
    public static string Describe(DateTimeOffset? from, DateTimeOffset? to) =>
        from is null && to is null ? "—" : $"{(from is { } f ? ReportText.Time(f) : "?")} … {(to is { } t ? ReportText.Time(t) : "?")}";
}

/// <summary>
/// The traffic judged: packages (messages the vendor's system sent and the authority took), the invoices in them and the
/// notices sent back. <see cref="Refused"/> counts messages refused at reception, when known.
/// </summary>
public sealed record TrafficCounts(int Packages, int Invoices, int Notices)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Refused { get; init; }

    public override string ToString() =>
        $"{Packages} package(s), {Invoices} invoice(s), {Notices} notice(s)" + (Refused is { } r ? $", {r} refused at reception" : "");
}

/// <summary>
/// What makes a report a certificate: who was certified (vendor, system, version, sender code), against which test plan,
/// in which certification session, and who issued it. The signature (with its signing time) is the certifier's.
/// </summary>
public sealed record CertificationInfo
{
    /// <summary>The certifier: by default the signing certificate's subject.</summary>
    public required string IssuedBy { get; init; }

    public required string VendorName { get; init; }
    public required string SystemName { get; init; }
    public required string SystemVersion { get; init; }

    /// <summary>The session's sender code (V+MST for a T-VAN or provider, K+MST for a directly connected taxpayer).</summary>
    public required string Sender { get; init; }

    public required string PlanId { get; init; }
    public required string PlanVersion { get; init; }

    /// <summary>The certification server's version (it judged the session).</summary>
    public required string ServerVersion { get; init; }

    /// <summary>The verdict the certification server gave (the report's own <see cref="RunReport.Verdict"/> may be stricter).</summary>
    public required string ServerVerdict { get; init; }
}

using ConformanceKit.AuthorityContract.Certification;

namespace ConformanceKit.TestSupport;

/// <summary>A judged certification session, as the certification server's result route serves it, for certificate tests.</summary>
public static class CertificationSamples
{
    public const string SessionId = "cs-20251201-0001";
    public const string Vendor = "Công ty TNHH Phần mềm Ánh & Sơn";
    public const string System = "AnhSon POS Cloud";
    public const string Version = "4.2.1";

    public static readonly DateTimeOffset Started = new(2025, 12, 1, 9, 0, 0, TimeSpan.FromHours(7));

    /// <summary>Three steps, all passed (PASSED), 12 packages, 36 invoices, 14 notices.</summary>
    public static CertificationSessionResult Passed() => new(
        SessionId, "tvan-provider", "2025.12-3", Vendor, System, Version, "V0312345678",
        Started, Started.AddMinutes(47), new DateTimeOffset(2025, 6, 15, 8, 0, 0, TimeSpan.FromHours(7)),
        new DateTimeOffset(2025, 6, 15, 20, 30, 0, TimeSpan.FromHours(7)),
        12, 36, 14, CertificationVerdicts.Passed,
        [
            Step("send-valid", "A valid package is accepted", CertificationVerdicts.Passed, ["204 LTBao 2 within 2 s"], ["V0312345678A1"], 0, 5),
            Step("resend-after-503", "Resend after 503", CertificationVerdicts.Passed, ["503 then the same MTDiep resent: 999 TTTNhan 0"], ["V0312345678A2"], 5, 12),
            Step("look-up-dropped-204", "Look up when no 204 comes", CertificationVerdicts.Passed, ["invoices looked up after 15 min"], [], 12, 40),
        ],
        "0.9.0");

    public static CertificationStepResult Step(string id, string title, string verdict, string[] reasons, string[] messages,
        int? fromMinute, int? toMinute) => new(
        id, title, $"Do this: {title.ToLowerInvariant()}.", verdict, reasons, messages,
        fromMinute is { } f ? Started.AddMinutes(f) : null, toMinute is { } t ? Started.AddMinutes(t) : null);

    /// <summary>The server says PASSED, but the last step was never performed: INCOMPLETE on the certificate.</summary>
    public static CertificationSessionResult WithStepNotPerformed() => Passed() with
    {
        Steps = [.. Passed().Steps.Take(2), Step("look-up-dropped-204", "Look up when no 204 comes", CertificationVerdicts.Incomplete, [], [], null, null)],
    };

    /// <summary>A failed step and the server's FAILED.</summary>
    public static CertificationSessionResult Failed() => Passed() with
    {
        Verdict = CertificationVerdicts.Failed,
        Steps = [.. Passed().Steps.Take(1), Step("resend-after-503", "Resend after 503", CertificationVerdicts.Failed,
            ["expected the same MTDiep resent after the 503", "seen: a new MTDiep V0312345678B7 with the same invoices (7005)"],
            ["V0312345678A2", "V0312345678B7"], 5, 12), Passed().Steps[2]],
    };
}

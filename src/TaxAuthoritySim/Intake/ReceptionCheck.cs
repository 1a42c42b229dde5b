using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Checks;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Intake;

/// <summary>
/// The reception checks (1001–1007) that decide a 999's TTTNhan: the envelope schema and header rules. A 206's DLieu is
/// validated in the same pass for the data check (<see cref="RunWithData"/>) but never decides the 999.
/// </summary>
public static class ReceptionCheck
{
    /// <summary>Message types the simulated portal takes.</summary>
    public static readonly IReadOnlySet<string> SupportedTypes = new HashSet<string> { "206", "100", "303" };

    private static readonly ValidationOptions Options = new() { EnvelopeOnly = true, CheckSignatures = false, Advisory = false };

    /// <summary>Reasons one 999 lists; a message failing more often gets one last reason that counts the rest.</summary>
    public const int MaxReasons = 100;

    /// <param name="Package">A 206's full validation for its data check, when reception did it (<see cref="RunWithData"/>).</param>
    public sealed record Result(ValidationResult Validation, IReadOnlyList<Reason> Reasons, PackageRead? Package = null);

    public static Result Run(byte[] body, Tvan tvan)
    {
        var v = MessageValidator.Validate(body, Options);
        var reasons = new List<Reason>();
        var errors = v.Findings.Where(f => f.IsError).ToList();
        foreach (var f in errors.Take(MaxReasons))
            reasons.Add(Reason(f.Code, Located(f)));
        if (errors.Count > MaxReasons)
            reasons.Add(Reason(errors[MaxReasons].Code,
                $"{errors.Count - MaxReasons:N0} more reason(s) not listed; fix the ones above and send again"));

        if (!v.Findings.Any(f => f.Code is ErrorCodes.NotWellFormed or ErrorCodes.TooLarge))
            HeaderReasons(v, tvan, reasons);
        return new Result(v, reasons);
    }

    /// <summary>
    /// The reception check of <see cref="Run"/>, and for a 206 also the data check's validation in the same pass: one
    /// validating read (the data schema, rules and signatures) instead of the envelope pass now and the full pass later.
    /// The 999 is the same as <see cref="Run"/>'s: when the full pass shows anything the envelope pass could also report
    /// (any 1xxx finding, a 3001 outside DLieu and CKSNNT, a capped list), the envelope pass runs as before and decides.
    /// </summary>
    public static Result RunWithData(byte[] body, Tvan tvan, ReferenceData registry)
    {
        if (HeaderPeek.Read(body) is not { MessageType: "206" } header) return Run(body, tvan);
        var blocks = registry.Taxpayer(header.TaxCode)?.CashRegister?.CodeBlocks;
        var full = MessageValidator.Validate(body, PackageUnderCheck.OptionsFor(blocks));
        var package = full.MessageType == "206" ? new PackageRead(full, blocks) : null;
        if (package is null || !EnvelopeClean(full)) return Run(body, tvan) with { Package = package };
        var reasons = new List<Reason>();
        HeaderReasons(full, tvan, reasons);
        return new Result(full, reasons, package);
    }

    /// <summary>
    /// Whether a full validation shows nothing the envelope pass reports: that pass finds only well-formedness, size and
    /// TTChung problems (1001–1005, and 3001 for a bad MST check digit or a misplaced element outside DLieu), each of which
    /// the stricter data schema and the same envelope rules report at the same place.
    /// </summary>
    private static bool EnvelopeClean(ValidationResult full)
    {
        if (full.Findings.Count >= ValidationOptions.MaxFindings) return false;
        foreach (var f in full.Findings)
        {
            if (!f.IsError) continue;
            if (f.Code.StartsWith('1')) return false;
            if (f.Code == ErrorCodes.SchemaViolation && !InData(f.Path)) return false;
        }
        return true;
    }

    private static bool InData(string? path) =>
        path is not null && (path.StartsWith("/TDiep/DLieu/", StringComparison.Ordinal) || path == "/TDiep/DLieu"
            || path.StartsWith("/TDiep/CKSNNT/", StringComparison.Ordinal) || path == "/TDiep/CKSNNT");

    // What the schema cannot know: the portal's types, the authenticated sender, the header a 206 needs.
    private static void HeaderReasons(ValidationResult v, Tvan tvan, List<Reason> reasons)
    {
        if (v.MessageType is { } type && !SupportedTypes.Contains(type))
            reasons.Add(Reason(ErrorCodes.MessageTypeNotSupported,
                $"message type {type} is not taken by this portal; supported: {string.Join(", ", SupportedTypes.Order())}"));
        if (v.Sender is { Length: > 0 } sender && sender != tvan.Code)
            reasons.Add(Reason(ErrorCodes.SenderNotAuthenticated,
                $"MNGui is '{sender}' but the API key belongs to {tvan.Code}"));
        // A directly connected taxpayer (K + MST) sends only its own messages.
        if (tvan.Code is ['K', ..] && v.TaxCode is { Length: > 0 } mst && mst != tvan.Code[1..])
            reasons.Add(Reason(ErrorCodes.SenderNotAuthenticated,
                $"{tvan.Code} is connected directly for MST {tvan.Code[1..]} and cannot send for MST {mst}"));
        if (v.MessageType is "206" or "100" or "303" && string.IsNullOrEmpty(v.TaxCode) && !HasCode(reasons, ErrorCodes.EnvelopeInvalid))
            reasons.Add(Reason(ErrorCodes.EnvelopeInvalid, $"TTChung/MST is required in a {v.MessageType}"));
        if (v.MessageType == "206" && string.IsNullOrEmpty(v.DeclaredCount) && !HasCode(reasons, ErrorCodes.EnvelopeInvalid))
            reasons.Add(Reason(ErrorCodes.EnvelopeInvalid, "TTChung/SLuong is required in a 206"));
    }

    public static Reason Reason(string code, string detail) =>
        new() { Code = code, Description = ErrorCatalog.Describe(code, detail) };

    private static bool HasCode(List<Reason> reasons, string code) => reasons.Any(r => r.Code == code);

    /// <summary>The finding's message with its place: "… (line 3:7, /TDiep/TTChung/MTDiep)".</summary>
    public static string Located(Finding f)
    {
        var where = new List<string>(2);
        if (f.Line > 0) where.Add($"line {f.Line}:{f.Column}");
        if (f.Path is { Length: > 0 } p) where.Add(p);
        return where.Count == 0 ? f.Message : $"{f.Message} ({string.Join(", ", where)})";
    }
}

using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Intake;

/// <summary>
/// The reception checks (1001–1007) that decide a 999's TTTNhan. Cheap by design: the envelope
/// schema and header rules only; DLieu is checked later, in the data check.
/// </summary>
public static class ReceptionCheck
{
    /// <summary>Message types the simulated portal takes.</summary>
    public static readonly IReadOnlySet<string> SupportedTypes = new HashSet<string> { "206", "100", "303" };

    private static readonly ValidationOptions Options = new() { EnvelopeOnly = true, CheckSignatures = false, Advisory = false };

    /// <summary>Reasons one 999 lists; a message failing more often gets one last reason that counts the rest.</summary>
    public const int MaxReasons = 100;

    public sealed record Result(ValidationResult Validation, IReadOnlyList<Reason> Reasons);

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
        return new Result(v, reasons);
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

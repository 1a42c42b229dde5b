using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Observe;

/// <summary>Builds the <see cref="CaseReport"/> of an observation check: only error findings fail it.</summary>
public static class ObservationCase
{
    public const string Polarity = "observation";
    public const string Group = "observation";

    public static CaseReport Of(string id, string titleEn, string titleVi, string rule, string expected,
        IReadOnlyList<Finding> findings, IReadOnlyList<Exchange> exchanges, long durationMs = 0) => new()
    {
        Id = id, TitleEn = titleEn, TitleVi = titleVi, Rule = rule, Polarity = Polarity, Group = Group,
        Outcome = findings.Any(f => f.Severity == FindingSeverity.Error) ? CaseOutcome.Failed : CaseOutcome.Passed,
        DurationMs = durationMs, Expected = expected, Findings = findings, Exchanges = exchanges,
    };

    public static Finding Error(string code, string message, string? messageId = null, string? invoice = null, string? location = null) =>
        new() { Severity = FindingSeverity.Error, Code = code, Message = message, MessageId = messageId, Invoice = invoice, Location = location };

    public static Finding Warning(string code, string message, string? messageId = null, string? invoice = null, string? location = null) =>
        new() { Severity = FindingSeverity.Warning, Code = code, Message = message, MessageId = messageId, Invoice = invoice, Location = location };

    public static Finding Info(string code, string message, string? messageId = null, string? invoice = null, string? location = null) =>
        new() { Severity = FindingSeverity.Info, Code = code, Message = message, MessageId = messageId, Invoice = invoice, Location = location };
}

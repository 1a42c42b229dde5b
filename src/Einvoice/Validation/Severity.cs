namespace ConformanceKit.Einvoice.Validation;

/// <summary>How serious a finding is. Errors make a message invalid; warnings are advisory.</summary>
public enum Severity
{
    Warning,
    Error,
}

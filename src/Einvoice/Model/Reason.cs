namespace ConformanceKit.Einvoice.Model;

/// <summary>LDo — one reason: an error code and its description.</summary>
public sealed class Reason
{
    /// <summary>MLoi — error code.</summary>
    public string? Code { get; set; }

    /// <summary>MTa — description.</summary>
    public string? Description { get; set; }
}

namespace ConformanceKit.Einvoice.Model;

/// <summary>TTin inside TTHHDTrung — one piece of specific information about goods (TChat 5).</summary>
public sealed class SpecificInfo
{
    /// <summary>LHHDTrung — kind of specific goods.</summary>
    public string? Kind { get; set; }

    /// <summary>TTruong — field name.</summary>
    public string? Field { get; set; }

    /// <summary>DLieu — value.</summary>
    public string? Value { get; set; }
}

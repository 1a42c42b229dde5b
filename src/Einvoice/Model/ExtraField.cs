namespace ConformanceKit.Einvoice.Model;

/// <summary>TTin inside TTKhac — one extra field the standard does not define.</summary>
public sealed class ExtraField
{
    /// <summary>TTruong — field name.</summary>
    public string? Field { get; set; }

    /// <summary>KDLieu — data type: string, numeric, dateTime or date.</summary>
    public string? DataType { get; set; }

    /// <summary>DLieu — the value, as written.</summary>
    public string? Value { get; set; }
}

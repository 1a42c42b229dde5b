namespace ConformanceKit.Einvoice.Model;

/// <summary>Any MLTDiep this model does not type (e.g. 202): the header and the raw DLieu content.</summary>
public sealed class UnknownMessage : Message
{
    public override string? TypeCode => null;

    /// <summary>Inner XML of DLieu as it appeared on the wire; null when DLieu is absent.</summary>
    public string? DataXml { get; set; }
}

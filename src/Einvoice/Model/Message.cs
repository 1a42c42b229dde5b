namespace ConformanceKit.Einvoice.Model;

/// <summary>TDiep — one message: the header plus a typed payload (DLieu).</summary>
public abstract class Message
{
    /// <summary>TTChung — the envelope header.</summary>
    public MessageHeader Header { get; set; } = new();

    /// <summary>Prefixed namespace declarations on the TDiep element, in wire order; null when none.</summary>
    public List<NamespaceDeclaration>? Namespaces { get; set; }

    /// <summary>The MLTDiep this class stands for; null for <see cref="UnknownMessage"/>.</summary>
    public abstract string? TypeCode { get; }
}

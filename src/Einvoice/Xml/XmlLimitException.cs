using System.Xml;

namespace ConformanceKit.Einvoice.Xml;

/// <summary>
/// A document went past one of the <see cref="XmlLimits"/>. An <see cref="XmlException"/>, so every
/// caller that refuses malformed XML refuses this too, with the place it happened.
/// </summary>
public sealed class XmlLimitException(string reason, int line, int column) : XmlException(reason, null, line, column)
{
    /// <summary>Which limit, without the position.</summary>
    public string Reason { get; } = reason;
}

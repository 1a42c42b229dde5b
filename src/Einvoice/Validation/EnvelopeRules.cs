using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>Header rules a schema cannot state: MTDiep prefixed by MNGui, receiver, MST check digit.</summary>
internal static class EnvelopeRules
{
    /// <summary>Message types a seller or T-VAN sends to the authority (so MNNhan must be TCT).</summary>
    public static readonly IReadOnlySet<string> Inbound = new HashSet<string> { "100", "206", "303" };

    public static void Check(MessageFacts facts, string? messageType, List<Finding> findings)
    {
        var h = facts.Header;
        if (h.TryGetValue("MTDiep", out var id) && h.TryGetValue("MNGui", out var sender)
            && !string.IsNullOrEmpty(id.Value) && !string.IsNullOrEmpty(sender.Value))
        {
            if (!MessageId.TryParse(id.Value, out var parsed, out var error))
            {
                // One mistake, one reason: this says more than the schema's pattern error at the same place.
                findings.RemoveAll(f => f.Code == ErrorCodes.MessageIdMalformed && f.Path == id.Path);
                findings.Add(At(ErrorCodes.MessageIdMalformed, $"MTDiep is malformed: {error}", id,
                    "MNGui followed by 32 upper-case hexadecimal digits"));
            }
            else if (parsed.Sender != sender.Value)
                findings.Add(At(ErrorCodes.MessageIdMalformed,
                    $"MTDiep starts with '{parsed.Sender}' but MNGui is '{sender.Value}'", id, $"MTDiep starting with {sender.Value}"));
        }
        if (messageType is not null && Inbound.Contains(messageType) && h.TryGetValue("MNNhan", out var receiver)
            && receiver.Value != "TCT")
            findings.Add(At(ErrorCodes.ReceiverNotTct, $"MNNhan is '{receiver.Value}'; a {messageType} is addressed to the tax authority", receiver, "TCT"));
        if (h.TryGetValue("MST", out var mst) && mst.Value.Length > 0)
            TaxCodeRule.Check(mst, findings, null);
    }

    internal static Finding At(string code, string message, Leaf leaf, string? expected, InvoiceFacts? invoice = null) =>
        new(code, Severity.Error, message, leaf.Line, leaf.Column, leaf.Path, leaf.Value, expected,
            invoice?.Index, invoice?.Code?.Value);
}

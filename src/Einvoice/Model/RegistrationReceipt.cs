namespace ConformanceKit.Einvoice.Model;

/// <summary>MLTDiep 102 — Form 01/TB-TNĐT, receipt / non-receipt of a registration.</summary>
public sealed class RegistrationReceipt : NoticeMessage
{
    public override string? TypeCode => "102";

    /// <summary>TTKhai — name of the form received.</summary>
    public string? FormReceived { get; set; }

    /// <summary>MGDDTu — id of the 100 message.</summary>
    public string? TransactionId { get; set; }

    /// <summary>TGGui — time the registration was sent.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>THop — case (1..4: received / not received).</summary>
    public int? Case { get; set; }

    /// <summary>TGNhan — time received.</summary>
    public DateTime? ReceivedAt { get; set; }

    /// <summary>DSLDKCNhan/LDo — reasons for not receiving; null when absent.</summary>
    public List<Reason>? Reasons { get; set; }
}

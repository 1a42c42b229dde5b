namespace ConformanceKit.Einvoice.Model;

/// <summary>MLTDiep 999 — technical acknowledgement (DLieu/TBao).</summary>
public sealed class TechnicalAck : Message
{
    public override string? TypeCode => "999";

    /// <summary>MTDiep — id of the answered message.</summary>
    public string? MessageId { get; set; }

    /// <summary>MHSGoc — original file id.</summary>
    public string? OriginalFileId { get; set; }

    /// <summary>MNGui — sender of the answered message.</summary>
    public string? Sender { get; set; }

    /// <summary>NNhan — time received.</summary>
    public DateTime? ReceivedAt { get; set; }

    /// <summary>TTTNhan — 0 received without error, 1 error.</summary>
    public int? Status { get; set; }

    /// <summary>DSLDo/LDo — reasons (when TTTNhan = 1); null when DSLDo is absent.</summary>
    public List<Reason>? Reasons { get; set; }
}

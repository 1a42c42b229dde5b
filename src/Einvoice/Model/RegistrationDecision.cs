namespace ConformanceKit.Einvoice.Model;

/// <summary>MLTDiep 103 — Form 01/TB-ĐKĐT, acceptance / non-acceptance of a registration.</summary>
public sealed class RegistrationDecision : NoticeMessage
{
    public override string? TypeCode => "103";

    /// <summary>MGDDTu — id of the 100 message.</summary>
    public string? TransactionId { get; set; }

    /// <summary>TGGui — time the registration was sent.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>TTXNCQT — 1 accepted, 2 not accepted.</summary>
    public int? Accepted { get; set; }

    /// <summary>DSLDKCNhan/LDo — reasons for not accepting; null when absent.</summary>
    public List<Reason>? Reasons { get; set; }

    /// <summary>DSMKhoi/MKhoi — the 5-character code blocks issued (C5–C9); null when absent.</summary>
    public List<string>? CodeBlocks { get; set; }

    /// <summary>HLuc — date the acceptance takes effect.</summary>
    public DateOnly? EffectiveDate { get; set; }
}

namespace ConformanceKit.Einvoice.Model;

/// <summary>MLTDiep 204 — Form 01/TB-KTDL, the data-check result of a 206.</summary>
public sealed class DataCheckNotice : NoticeMessage
{
    public override string? TypeCode => "204";

    /// <summary>TGGui — time sent.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>LTBao — 2 package valid, 7 cash-register package failed the check.</summary>
    public int? Kind { get; set; }

    /// <summary>CCu — basis (name of the message received).</summary>
    public string? Basis { get; set; }

    /// <summary>MGDDTu — electronic transaction id (the 206 MTDiep).</summary>
    public string? TransactionId { get; set; }

    /// <summary>SLuong — number of items in the package.</summary>
    public int? Count { get; set; }

    /// <summary>LHDMTTien/DSLDo/LDo — errors (LTBao 7); null when LHDMTTien is absent.</summary>
    public List<CheckError>? Errors { get; set; }
}

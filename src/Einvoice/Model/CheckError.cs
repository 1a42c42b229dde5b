namespace ConformanceKit.Einvoice.Model;

/// <summary>LDo of a 204 — one failed check.</summary>
public sealed class CheckError
{
    /// <summary>STT — index.</summary>
    public int? Index { get; set; }

    /// <summary>MLoi — error code.</summary>
    public string? Code { get; set; }

    /// <summary>MTLoi — error text.</summary>
    public string? Text { get; set; }

    /// <summary>HDXLy — what to do about it.</summary>
    public string? Action { get; set; }

    /// <summary>GChu — note: which invoice, where.</summary>
    public string? Note { get; set; }
}

namespace ConformanceKit.Einvoice.Model;

/// <summary>TTChung of TDiep — the envelope header every message carries.</summary>
public sealed class MessageHeader
{
    /// <summary>PBan — format version (2.0.0, 2.0.1, 2.1.0).</summary>
    public string? Version { get; set; }

    /// <summary>MNGui — sender code (TCT, V+MST, K+MST).</summary>
    public string? SenderCode { get; set; }

    /// <summary>MNNhan — receiver code.</summary>
    public string? ReceiverCode { get; set; }

    /// <summary>MLTDiep — message type, e.g. "206".</summary>
    public string? MessageType { get; set; }

    /// <summary>MTDiep — message id: sender code + 32 upper-case hex digits.</summary>
    public string? MessageId { get; set; }

    /// <summary>MTDTChieu — id of the message this one answers.</summary>
    public string? ReplyToId { get; set; }

    /// <summary>MST — taxpayer the data belongs to (absent in a 999).</summary>
    public string? TaxCode { get; set; }

    /// <summary>SLuong — number of data items inside DLieu.</summary>
    public int? Count { get; set; }
}

namespace ConformanceKit.Provider;

/// <summary>Where a 206 package is in its life; stored as the lower-case name.</summary>
public static class PackageState
{
    /// <summary>Built, waiting for a signature (token mode: until `ck sign`; remote: until the service answers).</summary>
    public const string ToSign = "to-sign";

    /// <summary>Signed; to be sent (again, after a failure — the same bytes, the same MTDiep).</summary>
    public const string Ready = "ready";

    /// <summary>Taken by the authority (999 TTTNhan 0); waiting for the 204.</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>204 LTBao 2: its invoices are stored.</summary>
    public const string Accepted = "accepted";

    /// <summary>204 LTBao 7: nothing stored; its invoices were sorted into fixed, re-packaged or surfaced.</summary>
    public const string Refused = "refused";

    /// <summary>999 TTTNhan 1 or an answer no retry can change (413): its invoices are held.</summary>
    public const string Rejected = "rejected";
}

/// <summary>Where an issued invoice is on its way to the authority; stored as the lower-case name.</summary>
public static class InvoiceState
{
    /// <summary>Issued, not yet in a package.</summary>
    public const string Issued = "issued";

    /// <summary>In a package that has no final answer yet.</summary>
    public const string Packaged = "packaged";

    /// <summary>Stored by the authority (204 LTBao 2, or 7005 "already stored" for a re-check).</summary>
    public const string Accepted = "accepted";

    /// <summary>Refused for its own data; a person must act (the code is never re-issued).</summary>
    public const string Rejected = "rejected";

    /// <summary>Refused for a reason of the seller or provider (MST, registration, certificate, T-VAN contract); resent by `retry`.</summary>
    public const string Held = "held";

    /// <summary>Accepted, and a 303 cancelling it (Form 04/SS-HĐĐT, TCTBao 1) is on its way; back to accepted if the authority refuses it.</summary>
    public const string Cancelling = "cancelling";

    /// <summary>The authority accepted the 303 cancelling it (301 TTTNCCQT 1): the invoice no longer stands.</summary>
    public const string Cancelled = "cancelled";
}

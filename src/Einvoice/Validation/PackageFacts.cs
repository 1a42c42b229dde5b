namespace ConformanceKit.Einvoice.Validation;

/// <summary>A leaf value the rules look at, with where it was.</summary>
/// <remarks>The path is built only when asked (a finding needs it; most leaves never do): parent path + segment.</remarks>
internal sealed record Leaf(string Value, int Line, int Column, string ParentPath, string Name, int Index, int Depth)
{
    public string Path => ParentPath + ElementPath.Segment(Name, Index, Depth);
}

/// <summary>Facts about one HHDVu line (values keyed by element name).</summary>
internal sealed class LineFacts
{
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required int Column { get; init; }
    public Dictionary<string, Leaf> Fields { get; } = new(16, StringComparer.Ordinal);
}

/// <summary>Facts about one LTSuat per-rate total.</summary>
internal sealed class RateTotalFacts
{
    public required string Path { get; init; }
    public Dictionary<string, Leaf> Fields { get; } = new(4, StringComparer.Ordinal);
}

/// <summary>Facts about one HDon, gathered while streaming.</summary>
internal sealed class InvoiceFacts
{
    public required int Index { get; init; }
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required int Column { get; init; }

    /// <summary>DLHDon/TTChung leaves: KHMSHDon, KHHDon, NLap, SHDon.</summary>
    public Dictionary<string, Leaf> General { get; } = new(8, StringComparer.Ordinal);

    /// <summary>DLHDon/NDHDon/TToan leaves.</summary>
    public Dictionary<string, Leaf> Totals { get; } = new(8, StringComparer.Ordinal);

    public Leaf? SellerTaxCode { get; set; }
    public Leaf? BuyerTaxCode { get; set; }

    /// <summary>NBan, NMua and TTChung/TTHDLQuan leaves the store keeps (names, related invoice).</summary>
    public Dictionary<string, Leaf> Seller { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Leaf> Buyer { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Leaf> Related { get; } = new(StringComparer.Ordinal);
    public Leaf? Code { get; set; }
    public List<LineFacts> Lines { get; } = [];
    public List<RateTotalFacts> RateTotals { get; } = [];
}

/// <summary>What the streaming pass learnt about the message.</summary>
internal sealed class MessageFacts
{
    /// <summary>/TDiep/TTChung leaves by element name.</summary>
    public Dictionary<string, Leaf> Header { get; } = new(StringComparer.Ordinal);

    public List<InvoiceFacts> Invoices { get; } = [];

    public string? RootName { get; set; }

    /// <summary>Whether a ds:Signature element occurs anywhere.</summary>
    public bool HasSignature { get; set; }

    /// <summary>What the pass gathered for verifying the placed signature without a DOM (null when not asked).</summary>
    public Signatures.SignatureCapture? Signatures { get; set; }

    /// <summary>Whether the pass reached the end of the document.</summary>
    public bool Complete { get; set; }
}

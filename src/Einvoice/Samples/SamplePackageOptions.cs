namespace ConformanceKit.Einvoice.Samples;

/// <summary>What a generated 206 package looks like; defaults match the demo seed.</summary>
public sealed record SamplePackageOptions
{
    public int Invoices { get; init; } = 3;
    public string TaxCode { get; init; } = DemoData.TaxCode;
    public string SellerName { get; init; } = DemoData.SellerName;
    public string SenderCode { get; init; } = DemoData.TvanCode;
    public string CodeBlock { get; init; } = DemoData.CodeBlock;

    /// <summary>Series symbol; its year (chars 2–3) is set from <see cref="IssueDate"/>.</summary>
    public string SeriesSeller { get; init; } = "AA";
    public DateOnly IssueDate { get; init; } = new(2025, 6, 15);

    /// <summary>First 11-digit serial (C10–C20); invoices take consecutive serials.</summary>
    public long FirstSerial { get; init; } = 1;

    /// <summary>Every Nth invoice is a sales invoice (form 2); 0 = all VAT invoices (form 1).</summary>
    public int SalesInvoiceEvery { get; init; } = 4;

    /// <summary>Seed for the line contents, so the same options give the same bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>UUID part of MTDiep; null = a new one each time.</summary>
    public Guid? MessageGuid { get; init; }
}

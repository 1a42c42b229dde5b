using ConformanceKit.Features.Drivers;

namespace ConformanceKit.Features.Support;

/// <summary>The package of the scenario and what the authority answered to each sending of it.</summary>
public sealed class SubmissionContext
{
    public byte[] Package { get; set; } = [];

    public List<Sent> Sendings { get; } = [];

    /// <summary>The T-VAN the scenario registered and acts as; null = the demo T-VAN (or CK_TVAN_KEY's).</summary>
    public TvanAccount? Tvan { get; set; }

    public string MessageId => PackageDriver.Read(Package).Header.MessageId!;

    public string TaxCode => PackageDriver.Read(Package).Header.TaxCode!;

    public IReadOnlyList<string> InvoiceCodes => [.. PackageDriver.Read(Package).Invoices.Select(i => i.Code!)];
}

using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// The defects a feature can name ("a signed package of 3 invoices that is unsigned"), each a way to spoil a
/// valid package. Some need the authority first (codes already sent), hence the driver.
/// </summary>
public static class PackageDefects
{
    private const string UnknownTaxCode = "0309478306";
    private const string StoppedTaxCode = "0401486901";
    private const string StoppedTaxpayerBlock = "C3D4E";
    private const string UnregisteredTaxCode = "0301521415";

    public static readonly IReadOnlyDictionary<string, Func<int, SimulatorDriver, Task<byte[]>>> ByName =
        new Dictionary<string, Func<int, SimulatorDriver, Task<byte[]>>>(StringComparer.OrdinalIgnoreCase)
        {
            ["unsigned"] = (n, _) => Task.FromResult(PackageDriver.Unsigned(PackageDriver.Options(n))),
            ["tampered after signing"] = (n, _) => Task.FromResult(PackageDriver.Replace(
                PackageDriver.Signed(PackageDriver.Options(n)), $"<Ten>{DemoData.SellerName}</Ten>", "<Ten>Cửa hàng B</Ten>")),
            ["counted wrong in SLuong"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n), p => p.Header.Count = n + 1)),
            ["in a series not marked M"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                p => p.Invoices[0].General.Series = "C25TAA")),
            ["from an unknown tax code"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n, UnknownTaxCode),
                certificate: PackageDriver.CertificateFor(UnknownTaxCode))),
            ["using codes already sent"] = CodesAlreadySentAsync,
            // Invoice 2 (or the only one), line 1: a rate TSuat does not allow. GChu then points at
            // /TDiep/DLieu/HDon[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/TSuat.
            ["breaking the schema with a VAT rate of 7%"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                p => p.Invoices[Math.Min(1, n - 1)].Lines[0].VatRate = "7%")),
            ["using a malformed cash-register code"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                p => p.Invoices[^1].Code = p.Invoices[^1].Code![..12] + "123")),
            // Invoice 1 is a VAT invoice (KHMSHDon 1); C2 of its code says 2 (a sales invoice).
            ["using a code of type 2 for a VAT invoice"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                p => p.Invoices[0].Code = "M2" + p.Invoices[0].Code![2..])),

            // The demo seed's taxpayers (docs/simulator.md): 0401486901 is stopped (state 01), 0301521415 has no
            // cash-register registration.
            ["from the stopped taxpayer 0401486901"] = (n, _) => Task.FromResult(PackageDriver.Signed(
                PackageDriver.Options(n, StoppedTaxCode) with { CodeBlock = StoppedTaxpayerBlock }, certificate: PackageDriver.CertificateFor(StoppedTaxCode))),
            ["from 0301521415, not registered for cash registers"] = (n, _) => Task.FromResult(PackageDriver.Signed(
                PackageDriver.Options(n, UnregisteredTaxCode), certificate: PackageDriver.CertificateFor(UnregisteredTaxCode))),
            ["for a seller other than the envelope's"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                p => p.Invoices[0].Seller.TaxCode = UnregisteredTaxCode)),
            ["signed with another taxpayer's certificate"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                certificate: PackageDriver.CertificateFor(UnregisteredTaxCode))),
            ["signed with a certificate expired at signing time"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                certificate: PackageDriver.ExpiredCertificate)),
            ["using a code block not issued"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                p => p.Invoices[0].Code = p.Invoices[0].Code!.Replace(DemoData.CodeBlock, "ZZZZZ", StringComparison.Ordinal))),
            ["using a code of another year than the issue date"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                p => p.Invoices[0].Code = p.Invoices[0].Code!.Replace("-25-", "-24-", StringComparison.Ordinal))),
            ["repeating a code"] = (n, _) => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(n),
                p => p.Invoices[^1].Code = p.Invoices[0].Code)),
        };

    public static Func<int, SimulatorDriver, Task<byte[]>> Get(string name) => ByName.TryGetValue(name, out var make) ? make
        : throw new ArgumentException($"Unknown defect '{name}'. Known: {string.Join(", ", ByName.Keys.Select(k => $"'{k}'"))}");

    /// <summary>Sends a valid package, waits until it is stored, and returns its invoices again under a new MTDiep.</summary>
    private static async Task<byte[]> CodesAlreadySentAsync(int invoices, SimulatorDriver simulator)
    {
        var options = PackageDriver.Options(invoices);
        var first = PackageDriver.Signed(options);
        await simulator.SendAsync(first);
        var notice = (await simulator.NoticesAsync(PackageDriver.Read(first).Header.MessageId!))[0];
        if (notice.Kind != 2) throw new InvalidOperationException($"the first package was not accepted (LTBao {notice.Kind})");
        return PackageDriver.Signed(PackageDriver.Resend(options));
    }
}

using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// The defects a feature can name ("a signed package of 3 invoices that is unsigned"), each a way to spoil a
/// valid package. Some need the authority first (codes already sent), hence the driver.
/// </summary>
public static class PackageDefects
{
    private const string UnknownTaxCode = "0309478306";

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

using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;

namespace ConformanceKit.Features.Drivers;

/// <summary>Builds 206 packages for the demo shop with SamplePackageBuilder; every package gets fresh invoice codes.</summary>
public sealed class PackageDriver
{
    // A random start per test run, so runs against a long-lived CK_TARGET never reuse codes (7005).
    private static long _nextSerial = Random.Shared.NextInt64(1_000_000_000, 90_000_000_000);

    public static readonly DateTime SigningTime = new(2025, 6, 15, 10, 0, 0);

    private static readonly X509Certificate2 DemoCertificate = SamplePackageBuilder.CreateCertificate();

    public static SamplePackageOptions Options(int invoices, string? taxCode = null) => new()
    {
        Invoices = invoices,
        FirstSerial = Interlocked.Add(ref _nextSerial, invoices) - invoices,
        MessageGuid = Guid.NewGuid(),
        TaxCode = taxCode ?? DemoData.TaxCode,
    };

    /// <summary>A signed package; <paramref name="change"/> edits it before signing.</summary>
    public static byte[] Signed(SamplePackageOptions options, Action<InvoicePackage>? change = null, X509Certificate2? certificate = null)
    {
        var package = SamplePackageBuilder.Build(options);
        change?.Invoke(package);
        return SamplePackageBuilder.Sign(MessageWriter.Write(package), certificate ?? DemoCertificate, SigningTime);
    }

    public static byte[] Unsigned(SamplePackageOptions options) => MessageWriter.Write(SamplePackageBuilder.Build(options));

    /// <summary>The same invoices under a new MTDiep.</summary>
    public static SamplePackageOptions Resend(SamplePackageOptions options) => options with { MessageGuid = Guid.NewGuid() };

    /// <summary>
    /// Other invoices with the same numbers (SHDon is the serial modulo 10⁸) in the same series, hence other codes, under a
    /// new MTDiep: step 1 takes both; the monthly reconciliation flags them (8003).
    /// </summary>
    public static SamplePackageOptions SameNumber(SamplePackageOptions options) =>
        options with { FirstSerial = options.FirstSerial + 100_000_000, MessageGuid = Guid.NewGuid() };

    /// <summary>Edits the signed bytes (breaks the signature).</summary>
    public static byte[] Replace(byte[] body, string from, string to)
    {
        var text = Encoding.UTF8.GetString(body);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        if (at < 0) throw new ArgumentException($"'{from}' not found in the package");
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length)));
    }

    public static InvoicePackage Read(byte[] body) => MessageReader.Read<InvoicePackage>(body);

    /// <summary>The demo shop's certificate, valid 2020-01-01 to 2024-12-31: expired at <see cref="SigningTime"/>.</summary>
    public static readonly X509Certificate2 ExpiredCertificate = TestCertificates.CreateSelfSigned(DemoData.SellerName, DemoData.TaxCode,
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.FromHours(7)));

    public static X509Certificate2 CertificateFor(string taxCode) => SamplePackageBuilder.CreateCertificate(taxCode);
}

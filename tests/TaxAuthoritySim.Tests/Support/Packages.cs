using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.TaxAuthoritySim.Tests.Support;

/// <summary>206 packages for the tests: valid by default for the demo seed, each with fresh codes.</summary>
public static class Packages
{
    private static long _nextSerial = 1_000;

    public static readonly DateTime SigningTime = new(2025, 6, 15, 10, 0, 0);

    public static readonly X509Certificate2 DemoCertificate = SamplePackageBuilder.CreateCertificate();

    /// <summary>Fresh serials for <paramref name="count"/> invoices, never used before in this test run.</summary>
    public static long Serials(int count) => Interlocked.Add(ref _nextSerial, count) - count;

    public static SamplePackageOptions Options(int invoices = 3, string? mst = null, string? block = null) => new()
    {
        Invoices = invoices,
        FirstSerial = Serials(invoices),
        MessageGuid = Guid.NewGuid(),
        TaxCode = mst ?? DemoData.TaxCode,
        CodeBlock = block ?? DemoData.CodeBlock,
    };

    /// <summary>A signed package; <paramref name="change"/> edits the model before signing.</summary>
    public static byte[] Signed(SamplePackageOptions? options = null, Action<InvoicePackage>? change = null,
        X509Certificate2? certificate = null, DateTime? signingTime = null)
    {
        var package = SamplePackageBuilder.Build(options ?? Options());
        change?.Invoke(package);
        return SamplePackageBuilder.Sign(MessageWriter.Write(package), certificate ?? DemoCertificate, signingTime ?? SigningTime);
    }

    public static byte[] Unsigned(SamplePackageOptions? options = null, Action<InvoicePackage>? change = null)
    {
        var package = SamplePackageBuilder.Build(options ?? Options());
        change?.Invoke(package);
        return MessageWriter.Write(package);
    }

    public static InvoicePackage Read(byte[] body) => MessageReader.Read<InvoicePackage>(body);

    public static string IdOf(byte[] body) => MessageReader.Read(body).Header.MessageId!;

    public static IReadOnlyList<string> CodesOf(byte[] body) => [.. Read(body).Invoices.Select(i => i.Code!)];

    /// <summary>Replaces the first occurrence of <paramref name="from"/> in the bytes (after signing: breaks the signature).</summary>
    public static byte[] Replace(byte[] body, string from, string to)
    {
        var text = Encoding.UTF8.GetString(body);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        if (at < 0) throw new ArgumentException($"'{from}' not found");
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length)));
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Signatures;

namespace ConformanceKit.Conformance.Commands.Sample;

/// <summary>`ck sample package`: builds, signs and writes one 206 package.</summary>
public sealed class SamplePackageCommand(
    int invoices, string output, string? certPath, string? password, string mst, string block, string sender,
    string? date, long firstSerial, int seed, CliIO io)
{
    public int Execute()
    {
        if (invoices is < 1 or > 5000) return Fail("--invoices must be between 1 and 5000");
        if (!TaxCode.TryParse(mst, out _, out var mstError)) return Fail($"--mst: {mstError}");
        if (!CodeBlock.IsValid(block)) return Fail("--block must be 5 upper-case letters or digits");
        if (!MessageId.IsValidSenderCode(sender)) return Fail("--sender must be TCT, V+MST or K+MST");
        var issued = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out issued))
            return Fail("--date must be YYYY-MM-DD");

        X509Certificate2 certificate;
        try
        {
            certificate = certPath is null ? SamplePackageBuilder.CreateCertificate(mst) : TestCertificates.LoadPfx(certPath, password);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException)
        {
            return Fail($"cannot load the certificate {certPath}: {ex.Message}");
        }
        if (certificate.GetRSAPrivateKey() is null) return Fail("the certificate has no RSA private key to sign with");

        var options = new SamplePackageOptions
        {
            Invoices = invoices, TaxCode = mst, CodeBlock = block, SenderCode = sender, IssueDate = issued,
            FirstSerial = firstSerial, Seed = seed,
        };
        var signingTime = DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7), DateTimeKind.Unspecified);
        var bytes = SamplePackageBuilder.BuildSigned(options, certificate, signingTime);
        try
        {
            if (output == "-")
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(bytes);
            }
            else
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(output));
                if (dir is not null) Directory.CreateDirectory(dir);
                File.WriteAllBytes(output, bytes);
                io.Error.WriteLine($"wrote {output}: 206 package, {invoices} invoice(s), {bytes.Length:N0} bytes, " +
                    $"MST {mst}, signed by {certificate.Subject}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot write {output}: {ex.Message}");
        }
        return ExitCodes.Ok;
    }

    private int Fail(string message)
    {
        io.Error.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}

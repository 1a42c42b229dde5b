using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Tests.Reports;

/// <summary>The signing key: made on first use (private to the user), then reused.</summary>
public sealed class ReportSignerTests(ReportFixture fx) : IClassFixture<ReportFixture>
{
    [Fact]
    public void A_missing_key_file_is_created_private_and_then_reused()
    {
        var path = Path.Combine(fx.NewFolder(), "nested", "report-signing.pfx");

        string thumbprint;
        using (var first = ReportSigner.Resolve(path))
        {
            thumbprint = first.ThumbprintSha256;
            Assert.True(File.Exists(path));
            Assert.Equal(Path.GetFullPath(path), first.KeyPath);
            Assert.Matches("^[0-9A-F]{64}$", thumbprint);
            Assert.StartsWith("CN=ConformanceKit report signer, O=", first.Subject);
            using var rsa = first.Certificate.GetRSAPublicKey()!;
            Assert.Equal(2048, rsa.KeySize);
            Assert.Equal(thumbprint, first.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        }
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        using var again = ReportSigner.Resolve(path);
        Assert.Equal(thumbprint, again.ThumbprintSha256);
    }

    [Fact]
    public void Two_signers_made_at_once_on_one_path_end_up_with_the_same_key()
    {
        var path = Path.Combine(fx.NewFolder(), "race.pfx");
        var signers = new ReportSigner[4];
        Parallel.For(0, signers.Length, i => signers[i] = ReportSigner.Resolve(path));
        try
        {
            Assert.Single(signers.Select(s => s.ThumbprintSha256).Distinct());
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            foreach (var s in signers) s.Dispose();
        }
    }
}

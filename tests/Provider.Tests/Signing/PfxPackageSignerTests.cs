using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Provider.Signing;
using static ConformanceKit.TestSupport.SigningFixtures;

namespace ConformanceKit.Provider.Tests.Signing;

public class PfxPackageSignerTests
{
    [Fact]
    public async Task A_package_signed_with_the_pfx_verifies()
    {
        var pfx = WritePfx(TestFolder.Create(), "secret");
        using var signer = new PfxPackageSigner(pfx, "secret");

        var signed = await signer.SignAsync(UnsignedPackage(), SigningTime, CancellationToken.None);

        Assert.Equal("pfx", signer.Mode);
        Assert.NotNull(signed);
        var check = Verify(signed);
        Assert.True(check.IsValid, Problems(check));
        Assert.Equal(SigningTime, check.SigningTime);
        Assert.Equal(Seller.Thumbprint, check.Certificate!.Thumbprint);
        var result = MessageValidator.Validate(signed);
        Assert.True(result.IsValid, string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Message}")));
    }

    [Fact]
    public async Task Concurrent_packages_all_verify()
    {
        using var signer = new PfxPackageSigner(Seller);

        var signed = await Task.WhenAll(Enumerable.Range(1, 8).Select(_ =>
            Task.Run(() => signer.SignAsync(UnsignedPackage(1), SigningTime, CancellationToken.None))));

        Assert.All(signed, s => Assert.True(Verify(s!).IsValid));
    }

    [Fact]
    public void A_certificate_without_a_private_key_is_refused_with_a_clear_message()
    {
        var folder = TestFolder.Create();
        var path = Path.Combine(folder, "public.pfx");
        using (var publicOnly = X509CertificateLoader.LoadCertificate(Seller.RawData))
            File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pkcs12, (string?)null));

        var error = Assert.Throws<ArgumentException>(() => new PfxPackageSigner(path));

        Assert.Contains("has no private key", error.Message);
        Assert.Contains("pfx signing mode needs", error.Message);
    }

    [Fact]
    public void A_wrong_password_and_a_missing_file_are_named()
    {
        var pfx = WritePfx(TestFolder.Create(), "secret");

        var wrong = Assert.Throws<ArgumentException>(() => new PfxPackageSigner(pfx, "other"));
        Assert.Contains("wrong password", wrong.Message);

        Assert.Throws<FileNotFoundException>(() => new PfxPackageSigner(Path.Combine(TestFolder.Create(), "none.pfx")));
    }
}

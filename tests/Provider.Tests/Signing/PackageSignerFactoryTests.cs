using ConformanceKit.Provider.Signing;
using static ConformanceKit.TestSupport.SigningFixtures;

namespace ConformanceKit.Provider.Tests.Signing;

public class PackageSignerFactoryTests
{
    [Fact]
    public async Task Token_is_the_deferred_signer_that_signs_nothing()
    {
        var signer = PackageSignerFactory.Create("token");

        Assert.IsType<DeferredTokenSigner>(signer);
        Assert.Equal("token", signer.Mode);
        Assert.Null(await signer.SignAsync(UnsignedPackage(1), SigningTime, CancellationToken.None));
        Assert.IsType<DeferredTokenSigner>(PackageSignerFactory.Create(" TOKEN "));
    }

    [Fact]
    public void Pfx_spec_opens_the_file_with_the_password()
    {
        var pfx = WritePfx(TestFolder.Create(), "pw");

        var signer = PackageSignerFactory.Create("pfx:" + pfx, password: "pw");

        var pfxSigner = Assert.IsType<PfxPackageSigner>(signer);
        Assert.Equal("pfx", signer.Mode);
        Assert.Equal(Seller.Thumbprint, pfxSigner.Certificate.Thumbprint);
        pfxSigner.Dispose();
    }

    [Fact]
    public void Remote_spec_needs_a_url_and_a_key()
    {
        var signer = PackageSignerFactory.Create("remote:http://127.0.0.1:5090", signerKey: "k");

        var remote = Assert.IsType<RemoteSigner>(signer);
        Assert.Equal("remote", signer.Mode);
        Assert.Equal("http://127.0.0.1:5090/", remote.ServiceUrl.ToString());
        remote.Dispose();

        var noKey = Assert.Throws<ArgumentException>(() => PackageSignerFactory.Create("remote:http://127.0.0.1:5090"));
        Assert.Contains("--signer-key", noKey.Message);
        var badUrl = Assert.Throws<ArgumentException>(() => PackageSignerFactory.Create("remote:ftp://x", signerKey: "k"));
        Assert.Contains("not an http(s) URL", badUrl.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hsm")]
    [InlineData("pfx")]
    [InlineData("pfx:")]
    [InlineData("remote:")]
    [InlineData("usb:COM3")]
    public void A_bad_spec_lists_the_accepted_forms(string spec)
    {
        var error = Assert.Throws<ArgumentException>(() => PackageSignerFactory.Create(spec, signerKey: "k"));

        Assert.Equal("spec", error.ParamName);
        Assert.Contains("pfx:PATH", error.Message);
        Assert.Contains("remote:URL", error.Message);
        Assert.Contains("token", error.Message);
    }

    [Fact]
    public void A_missing_pfx_is_named()
    {
        var path = Path.Combine(TestFolder.Create(), "missing.pfx");

        var error = Assert.Throws<FileNotFoundException>(() => PackageSignerFactory.Create("pfx:" + path));

        Assert.Contains("missing.pfx", error.Message);
    }
}

using System.Text;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Signatures;
using static ConformanceKit.Einvoice.Tests.Signatures.StreamedSignatureSupport;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>
/// The signature verified from the validation pass (no DOM) gives the answer the DOM verifier gives, for valid
/// messages and for every kind of tampering; tampering never passes the streamed check.
/// </summary>
public class StreamedSignatureTests
{
    private static readonly Lazy<byte[]> Package = new(() => SamplePackageBuilder.BuildSigned(
        new SamplePackageOptions { Invoices = 5 }, SignatureFixtures.Seller, SignatureFixtures.SigningTime));

    [Fact]
    public void A_valid_package_is_verified_without_a_dom_and_answers_as_the_dom_verifier()
    {
        var result = SameBothWays(Package.Value);
        Assert.True(result.IsValid, Describe(result));
        var streamed = Streamed(Package.Value, "206");
        Assert.NotNull(streamed);
        Assert.Equal(SignatureStatus.Valid, streamed.Status);
        Assert.Equal(Describe(result.Signatures[0]), Describe(streamed));
    }
}

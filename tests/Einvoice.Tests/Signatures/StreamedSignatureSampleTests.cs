using System.Text;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using static ConformanceKit.Einvoice.Tests.Signatures.StreamedSignatureSupport;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>Every committed sample, the authority's notices and the 303 answer the same with and without the streamed signature check.</summary>
public class StreamedSignatureSampleTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Samples, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepoPaths.Samples, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_answers_the_same_both_ways(string sample)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Samples, sample));
        var result = SameBothWays(bytes);
        // The valid samples' placed signatures are proven valid from the stream, with no DOM.
        if (sample.StartsWith("valid", StringComparison.Ordinal) && result.MessageType is { } type && StreamedSignature.Placement(type) is not null)
            Assert.NotNull(Streamed(bytes, type));
    }

    [Fact]
    public void An_authority_notice_is_verified_from_the_stream_as_on_a_dom()
    {
        var bytes = SafeXml.ToBytes(SignatureFixtures.SignedNotice());
        SameBothWays(bytes);
        var streamed = Streamed(bytes, "204");
        Assert.NotNull(streamed);
        Assert.Equal(Describe(XmlSignatureVerifier.VerifyNotice(SafeXml.LoadDocument(bytes))), Describe(streamed));
    }

    [Fact]
    public void A_changed_authority_notice_fails_the_same_way_both_ways()
    {
        var text = Encoding.UTF8.GetString(SafeXml.ToBytes(SignatureFixtures.SignedNotice()));
        var bytes = Encoding.UTF8.GetBytes(SignatureFixtures.ReplaceOnce(text, "<So>TB-1</So>", "<So>TB-2</So>"));
        var result = SameBothWays(bytes);
        Assert.Contains(result.Findings, f => f.Code == ConformanceKit.Einvoice.Validation.ErrorCodes.SignatureInvalid);
        Assert.Null(Streamed(bytes, "204"));
    }
}

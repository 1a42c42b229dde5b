using System.Text;
using System.Text.RegularExpressions;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;
using static ConformanceKit.Einvoice.Tests.Signatures.StreamedSignatureSupport;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>
/// The signature verified from the validation pass (no DOM) gives the answer the DOM verifier gives, for valid
/// messages and for every kind of tampering; tampering never passes the streamed check.
/// </summary>
public class StreamedSignatureTests
{
    private static readonly Lazy<string> Package = new(() => Encoding.UTF8.GetString(SamplePackageBuilder.BuildSigned(
        new SamplePackageOptions { Invoices = 3 }, SignatureFixtures.Seller, SignatureFixtures.SigningTime)));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Replaces the first match of <paramref name="pattern"/> (which must match).</summary>
    private static string Edit(string text, string pattern, Func<Match, string> replace)
    {
        var m = Regex.Match(text, pattern);
        Assert.True(m.Success, $"'{pattern}' not found");
        return string.Concat(text.AsSpan(0, m.Index), replace(m), text.AsSpan(m.Index + m.Length));
    }

    private static string Signature(string text) => Regex.Match(text, "<Signature[ >].*</Signature>", RegexOptions.Singleline).Value;

    [Fact]
    public void A_valid_package_is_verified_without_a_dom_and_answers_as_the_dom_verifier()
    {
        var bytes = Bytes(Package.Value);
        var result = SameBothWays(bytes);
        Assert.True(result.IsValid, Describe(result));
        var streamed = Streamed(bytes, "206");
        Assert.NotNull(streamed);
        Assert.Equal(SignatureStatus.Valid, streamed.Status);
        Assert.Equal(Describe(result.Signatures[0]), Describe(streamed));
    }

    public static TheoryData<string> Tamperings() =>
    [
        "text", "attribute", "namespace inside", "namespace on an ancestor", "xml:lang on an ancestor", "whitespace", "CR reference",
        "raw CRLF", "processing instruction", "invoices reordered", "second signature", "reference to a missing Id",
        "Id carried twice", "signature value", "digest value", "signing time", "signed info", "certificate",
        "default namespace on an ancestor", "empty element form",
    ];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void A_tampered_package_fails_the_same_way_both_ways_and_never_passes_the_streamed_check(string how)
    {
        var text = Tamper(Package.Value, how);
        var bytes = Bytes(text);
        var result = SameBothWays(bytes);
        Assert.Contains(result.Findings, f => f.Code is ErrorCodes.SignatureInvalid or ErrorCodes.SignatureMissing);
        Assert.Null(Streamed(bytes, "206"));
    }

    public static TheoryData<string> Harmless() =>
    [
        "comment inside the signed data", "CDATA for the same text", "character reference for the same text",
        "single quotes", "whitespace inside a start tag", "comment outside the signed data",
    ];

    [Theory]
    [MemberData(nameof(Harmless))]
    public void A_change_c14n_does_not_see_keeps_the_signature_valid_both_ways(string how)
    {
        var text = Tamper(Package.Value, how);
        var bytes = Bytes(text);
        var result = SameBothWays(bytes);
        Assert.DoesNotContain(result.Findings, f => f.Code is ErrorCodes.SignatureInvalid or ErrorCodes.SignatureMissing);
        Assert.NotNull(Streamed(bytes, "206"));
    }

    private static string Tamper(string p, string how) => how switch
    {
        "text" => Edit(p, "<SHDon>1</SHDon>", _ => "<SHDon>9</SHDon>"),
        "attribute" => Edit(p, "<DLHDon Id=\"HD(\\d+)\"", m => $"<DLHDon Id=\"HX{m.Groups[1].Value}\""),
        "namespace inside" => Edit(p, "<DLHDon ", _ => "<DLHDon xmlns:x=\"urn:x\" "),
        "namespace on an ancestor" => Edit(p, "<TDiep>", _ => "<TDiep xmlns:x=\"urn:x\">"),
        "default namespace on an ancestor" => Edit(p, "<CKSNNT>", _ => "<CKSNNT xmlns=\"\">").Replace("<TDiep>", "<TDiep xmlns:y=\"urn:y\">"),
        "xml:lang on an ancestor" => Edit(p, "<TDiep>", _ => "<TDiep xml:lang=\"vi\">"),
        "whitespace" => Edit(p, "</HDon><HDon>", _ => "</HDon> <HDon>"),
        "CR reference" => Edit(p, "<SHDon>1</SHDon>", _ => "<SHDon>1&#xD;</SHDon>"),
        "raw CRLF" => Edit(p, "</HDon><HDon>", _ => "</HDon>\r\n<HDon>"),
        "processing instruction" => Edit(p, "</HDon><HDon>", _ => "</HDon><?note x?><HDon>"),
        "invoices reordered" => Edit(p, "<HDon>.*?</HDon><HDon>.*?</HDon>", m =>
        {
            var parts = Regex.Matches(m.Value, "<HDon>.*?</HDon>");
            return parts[1].Value + parts[0].Value;
        }),
        "second signature" => Edit(p, "</CKSNNT>", _ => Signature(p) + "</CKSNNT>"),
        "reference to a missing Id" => Edit(p, "<DLieu Id=\"", _ => "<DLieu Id=\"x"),
        "Id carried twice" => Edit(p, "<TTChung>", _ => "<TTChung id=\"" + Regex.Match(p, "<DLieu Id=\"([^\"]+)\"").Groups[1].Value + "\">"),
        "signature value" => Edit(p, "<SignatureValue>(.)", m => "<SignatureValue>" + (m.Groups[1].Value == "A" ? "B" : "A")),
        "digest value" => Edit(p, "<DigestValue>(.)", m => "<DigestValue>" + (m.Groups[1].Value == "A" ? "B" : "A")),
        "signing time" => Edit(p, "<SigningTime>(\\d)", m => "<SigningTime>" + (m.Groups[1].Value == "1" ? "2" : "1")),
        "signed info" => Edit(p, "<SignedInfo>", _ => "<SignedInfo> "),
        "certificate" => Edit(p, "<X509Certificate>(.)", m => "<X509Certificate>" + (m.Groups[1].Value == "M" ? "N" : "M")),
        "empty element form" => Edit(p, "<DLieu ", _ => "<DLieu><Empty/></DLieu><DLieu "),
        "comment inside the signed data" => Edit(p, "</HDon><HDon>", _ => "</HDon><!-- note --><HDon>"),
        "CDATA for the same text" => Edit(p, "<SHDon>1</SHDon>", _ => "<SHDon><![CDATA[1]]></SHDon>"),
        "character reference for the same text" => Edit(p, "<SHDon>1</SHDon>", _ => "<SHDon>&#49;</SHDon>"),
        "single quotes" => Edit(p, "<DLHDon Id=\"(HD\\d+)\"", m => $"<DLHDon Id='{m.Groups[1].Value}'"),
        "whitespace inside a start tag" => Edit(p, "<DLHDon Id=", _ => "<DLHDon \n  Id="),
        "comment outside the signed data" => Edit(p, "<CKSNNT>", _ => "<!-- x --><CKSNNT>"),
        _ => throw new ArgumentOutOfRangeException(nameof(how), how, null),
    };
}

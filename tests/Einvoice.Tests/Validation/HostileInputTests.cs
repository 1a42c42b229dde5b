using System.Text;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Einvoice.Xml;
using static ConformanceKit.Einvoice.Tests.Validation.ValidatorFixtures;

namespace ConformanceKit.Einvoice.Tests.Validation;

/// <summary>What an attack campaign sent: each is refused with a located, printable finding, at little cost.</summary>
public class HostileInputTests
{
    private static readonly string Valid = ValidatorFixtures.Xml(Package(2));

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string WithRootAttributes(string attributes) =>
        Valid.Replace("<TDiep>", "<TDiep" + attributes + ">", StringComparison.Ordinal);

    public static TheoryData<string, byte[]> Unprintable() => new()
    {
        { "raw 0x01", Utf8(Valid.Replace("<MST>", "<MST>\u0001", StringComparison.Ordinal)) },
        { "&#x1;", Utf8(Valid.Replace("<MST>", "<MST>&#x1;", StringComparison.Ordinal)) },
        { "&#xD800;", Utf8(Valid.Replace("<MST>", "<MST>&#xD800;", StringComparison.Ordinal)) },
        { "raw U+FFFE", Utf8(Valid.Replace("<MST>", "<MST>\uFFFE", StringComparison.Ordinal)) },
        { "raw 0x1B in a name", Utf8(Valid.Replace("<MST>", "<M\u001BST>", StringComparison.Ordinal)) },
    };

    [Theory]
    [MemberData(nameof(Unprintable))]
    public void A_character_XML_cannot_carry_is_1001_with_a_printable_description(string what, byte[] bytes)
    {
        var f = Assert.Single(MessageValidator.Validate(bytes, NoSignatures).Findings);
        Assert.Equal("1001", f.Code);
        Assert.True(f.Line > 0, what);
        Assert.DoesNotContain(f.Message, c => c < 0x20 || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF');
        Assert.Contains("U+", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintableText_spells_out_what_XML_cannot_carry_and_keeps_Vietnamese()
    {
        Assert.Equal("Cà phê sữa đá 😀", PrintableText.Of("Cà phê sữa đá 😀"));
        Assert.Equal("aU+0001bU+D800cU+FFFEdU+000A", PrintableText.Of("a\u0001b\uD800c\uFFFEd\n"));
    }

    [Theory]
    [InlineData("<TDiep xmlns=\"urn:x\">")]
    [InlineData("<TDiep xmlns=\"http://www.w3.org/2000/09/xmldsig#\">")]
    public void A_namespace_on_TDiep_is_refused_with_1003_located(string root)
    {
        var xml = Valid.Replace("<TDiep>", root, StringComparison.Ordinal);
        var f = Assert.Single(Validate(xml).Findings);
        Assert.Equal("1003", f.Code);
        Assert.Equal("/TDiep", f.Path);
        Assert.True(f.Line > 0 && f.Column > 0);
        Assert.Contains("no namespace", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefixed_TDiep_in_another_namespace_is_refused_too()
    {
        var xml = Valid.Replace("<TDiep>", "<x:TDiep xmlns:x=\"urn:x\">", StringComparison.Ordinal)
            .Replace("</TDiep>", "</x:TDiep>", StringComparison.Ordinal);
        Assert.Equal("1003", Assert.Single(Validate(xml).Findings).Code);
    }

    [Fact]
    public void Without_the_namespace_the_same_broken_package_draws_every_schema_finding()
    {
        var package = Package(2);
        package.Invoices[0].Lines[0].VatRate = "7%";
        package.Invoices[1].Seller.Name = new string('A', 2000);
        var xml = ValidatorFixtures.Xml(package).Replace("<SHDon>", "<SHDon>abc", StringComparison.Ordinal);
        var plain = Validate(xml).Findings.Where(f => f.IsError).ToList();
        Assert.True(plain.Count(f => f.Code == "3001") >= 3, string.Join(" | ", plain.Select(f => f.Path + " " + f.Message)));
        var namespaced = Validate(xml.Replace("<TDiep>", "<TDiep xmlns=\"urn:x\">", StringComparison.Ordinal)).Findings;
        Assert.Equal("1003", Assert.Single(namespaced).Code);
    }

    public static TheoryData<string, byte[]> OtherEncodings()
    {
        var text = Valid[(Valid.IndexOf("?>", StringComparison.Ordinal) + 2)..];
        return new()
        {
            { "UTF-16 little-endian", Encoding.Unicode.GetBytes(text) },
            { "UTF-16 big-endian", Encoding.BigEndianUnicode.GetBytes(text) },
            { "UTF-32 little-endian", new UTF32Encoding(false, false).GetBytes(text) },
            { "UTF-32 big-endian", new UTF32Encoding(true, false).GetBytes(text) },
            { "UTF-32 (with a byte-order mark)", [.. new UTF32Encoding(false, true).GetPreamble(), .. new UTF32Encoding(false, false).GetBytes(text)] },
        };
    }

    [Theory]
    [MemberData(nameof(OtherEncodings))]
    public void UTF16_and_UTF32_are_refused_with_or_without_a_byte_order_mark(string encoding, byte[] bytes)
    {
        var f = Assert.Single(MessageValidator.Validate(bytes, NoSignatures).Findings);
        Assert.Equal("1001", f.Code);
        Assert.Contains(encoding, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_namespace_declarations_are_refused_before_any_costly_pass()
    {
        var declarations = string.Concat(Enumerable.Range(0, 80_000).Select(i => $" xmlns:p{i}=\"urn:{i}\""));
        var result = MessageValidator.Validate(Utf8(WithRootAttributes(declarations)));   // signatures on: the DOM path too
        var f = Assert.Single(result.Findings);
        Assert.Equal("1001", f.Code);
        Assert.Contains("attributes", f.Message, StringComparison.Ordinal);
        Assert.Equal(1, f.Line);
    }

    [Fact]
    public void Namespace_declarations_are_bounded_in_scope_not_only_per_element()
    {
        // 40 on the root and 40 on TTChung: each element is under the attribute limit, the scope is not.
        var xml = WithRootAttributes(string.Concat(Enumerable.Range(0, 40).Select(i => $" xmlns:a{i}=\"urn:a{i}\"")))
            .Replace("<TTChung>", "<TTChung" + string.Concat(Enumerable.Range(0, 40).Select(i => $" xmlns:b{i}=\"urn:b{i}\"")) + ">",
                StringComparison.Ordinal);
        var f = Assert.Single(Validate(xml).Findings);
        Assert.Equal("1001", f.Code);
        Assert.Contains("namespace declarations are in scope at <TTChung>", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_attributes_are_refused_with_one_finding_not_one_each()
    {
        var attributes = string.Concat(Enumerable.Range(0, 180_000).Select(i => $" a{i}=\"\""));
        var f = Assert.Single(Validate(WithRootAttributes(attributes)).Findings);
        Assert.Equal("1001", f.Code);
        Assert.Contains("180,000 attributes", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_elements_are_refused()
    {
        var filler = string.Concat(Enumerable.Repeat("<a/>", XmlLimits.Message.MaxElements));
        var xml = Valid.Replace("<DLieu Id=\"DLieu\">", "<DLieu Id=\"DLieu\">" + filler, StringComparison.Ordinal);
        var f = Assert.Single(Validate(xml).Findings, f => f.Code == "1001");
        Assert.Contains("more than 250,000 elements", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_are_capped_and_the_rest_counted()
    {
        // 3,000 lines with a VAT rate the schema does not allow: one finding each.
        var start = Valid.IndexOf("<HHDVu>", StringComparison.Ordinal);
        var end = Valid.IndexOf("</HHDVu>", start, StringComparison.Ordinal) + "</HHDVu>".Length;
        var line = System.Text.RegularExpressions.Regex.Replace(Valid[start..end], "<TSuat>[^<]*</TSuat>", "<TSuat>7%</TSuat>");
        var xml = string.Concat(Valid.AsSpan(0, start), string.Concat(Enumerable.Repeat(line, 3000)), Valid.AsSpan(end));
        var findings = Validate(xml).Findings;
        Assert.Equal(ValidationOptions.MaxFindings + 1, findings.Count);
        Assert.Contains(findings, f => f.Message.Contains("more schema violation(s) not listed", StringComparison.Ordinal)
                                       || f.Message.Contains("more finding(s) not listed", StringComparison.Ordinal));
    }

    [Fact]
    public void Depth_is_still_bounded()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100));
        var xml = Valid.Replace("<DLieu Id=\"DLieu\">", "<DLieu Id=\"DLieu\">" + deep, StringComparison.Ordinal);
        var f = Assert.Single(Validate(xml).Findings, f => f.Code == "1001");
        Assert.Contains("deeper than 64", f.Message, StringComparison.Ordinal);
    }
}

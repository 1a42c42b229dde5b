using System.Xml;
using System.Xml.Schema;
using ConformanceKit.Einvoice.Schemas;
using static ConformanceKit.Einvoice.Tests.Schemas.SchemaTestSupport;

namespace ConformanceKit.Einvoice.Tests.Schemas;

public class SchemaCatalogTests
{
    public static IEnumerable<object[]> Types() => SchemaCatalog.MessageTypes.Select(t => new object[] { t });

    [Fact]
    public void Message_types_are_the_supported_ones()
    {
        Assert.Equal(["100", "102", "103", "204", "206", "301", "302", "303", "999"], SchemaCatalog.MessageTypes.OrderBy(t => t, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_set_compiles_and_defines_TDiep(string type)
    {
        var set = SchemaCatalog.For(type);
        Assert.NotNull(set);
        Assert.True(set.IsCompiled);
        Assert.True(set.GlobalElements.Contains(new XmlQualifiedName("TDiep")));
        Assert.Same(set, SchemaCatalog.For(type));
    }

    [Fact]
    public void Envelope_compiles_and_is_cached()
    {
        Assert.True(SchemaCatalog.Envelope.IsCompiled);
        Assert.True(SchemaCatalog.Envelope.GlobalElements.Contains(new XmlQualifiedName("TDiep")));
        Assert.Same(SchemaCatalog.Envelope, SchemaCatalog.Envelope);
    }

    [Theory]
    [InlineData("202")]
    [InlineData("200")]
    [InlineData("400")]
    [InlineData("")]
    [InlineData("envelope")]
    public void Unsupported_types_have_no_set(string type) => Assert.Null(SchemaCatalog.For(type));

    [Fact]
    public void Every_embedded_schema_is_listed_and_readable()
    {
        var expected = new[] { "100.xsd", "102.xsd", "103.xsd", "204.xsd", "206.xsd", "301.xsd", "302.xsd", "303.xsd", "999.xsd", "common.xsd", "envelope.xsd" };
        Assert.Equal(expected, SchemaCatalog.SchemaFiles);
        foreach (var file in expected)
        {
            var text = SchemaCatalog.ReadSchemaText(file);
            Assert.Contains("http://www.w3.org/2001/XMLSchema", text);
            Assert.DoesNotContain("targetNamespace", text);
        }
        Assert.Contains("name=\"MSTType\"", SchemaCatalog.ReadSchemaText("common.xsd"));
        Assert.Equal("206.xsd", SchemaCatalog.FileFor("206"));
        Assert.Null(SchemaCatalog.FileFor("202"));
    }

    [Theory]
    [InlineData("nope.xsd")]
    [InlineData("../Einvoice.csproj")]
    [InlineData("")]
    public void Unknown_schema_text_throws(string file) =>
        Assert.Throws<FileNotFoundException>(() => SchemaCatalog.ReadSchemaText(file));

    [Fact]
    public void Every_message_schema_includes_common()
    {
        foreach (var type in SchemaCatalog.MessageTypes)
            Assert.Contains("<xs:include schemaLocation=\"common.xsd\"/>", SchemaCatalog.ReadSchemaText(type + ".xsd"));
    }

    [Fact]
    public void Schema_location_hints_in_a_document_are_ignored()
    {
        // Default validation flags: xsi:schemaLocation is not followed, the shared set is not extended.
        var xml = ReplaceOnce(SchemaDocs.Minimal206, "<TDiep>",
            "<TDiep xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"http://127.0.0.1:9/evil.xsd\">");
        AssertValid(SchemaCatalog.For("206")!, xml);
        Assert.Single(SchemaCatalog.For("206")!.Schemas().Cast<XmlSchema>(), s => s.SourceUri?.EndsWith("206.xsd", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_shared_set_serves_concurrent_validating_readers()
    {
        var set = SchemaCatalog.For("206")!;
        var bad = ReplaceOnce(SchemaDocs.Rich206, "<TSuat>8%</TSuat></HHDVu>", "<TSuat>7%</TSuat></HHDVu>");
        var results = new int[256];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var events = Validate(set, i % 2 == 0 ? SchemaDocs.Rich206 : bad);
            results[i] = events.Count;
        });
        for (var i = 0; i < results.Length; i++)
            Assert.Equal(i % 2 == 0 ? 0 : 1, results[i]);
    }
}

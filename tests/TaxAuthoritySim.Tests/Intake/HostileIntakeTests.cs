using System.Net;
using System.Text;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Intake;

/// <summary>What an attack campaign sent to the intake: a coded 999 refusal, never a 5xx, nothing stored.</summary>
public sealed class HostileIntakeTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private readonly HttpClient _tvan = sim.Tvan();

    private static string Text(byte[] body) => Encoding.UTF8.GetString(body);

    [Theory]
    [InlineData("raw 0x01", "<MST>\u0001")]
    [InlineData("&#x1;", "<MST>&#x1;")]
    [InlineData("&#xD800;", "<MST>&#xD800;")]
    [InlineData("U+FFFE", "<MST>\uFFFE")]
    public async Task A_character_XML_cannot_carry_gets_a_999_with_1001_not_a_500(string what, string replacement)
    {
        var body = Packages.Replace(Packages.Signed(), "<MST>", replacement);
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        var reason = Assert.Single(posted.Ack!.Reasons!);
        Assert.Equal("1001", reason.Code);
        Assert.Contains("U+", reason.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(reason.Description!, c => c < 0x20 || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF');
        Assert.True(what.Length > 0);
    }

    [Fact]
    public async Task A_default_namespace_on_TDiep_is_refused_and_nothing_is_stored()
    {
        // The campaign's package: schema-breaking values that a namespace used to hide from the validator.
        var body = Packages.Signed(change: p =>
        {
            p.Invoices[0].Lines[0].VatRate = "7%";
            p.Invoices[0].Seller.Name = new string('A', 2000);
        });
        var id = Packages.IdOf(body);
        var code = Packages.CodesOf(body)[0];
        body = Packages.Replace(body, "<TDiep>", "<TDiep xmlns=\"urn:x\">");
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        var reason = Assert.Single(posted.Ack!.Reasons!);
        Assert.Equal("1003", reason.Code);
        Assert.Contains("/TDiep", reason.Description, StringComparison.Ordinal);
        Assert.Contains("line 1:", reason.Description, StringComparison.Ordinal);
        var admin = sim.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/v1/messages/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/invoices/0106324653/{code}")).StatusCode);
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32LE")]
    [InlineData("utf-32BE")]
    public async Task UTF16_and_UTF32_without_a_byte_order_mark_are_refused_with_1001(string encodingName)
    {
        var text = Text(Packages.Signed());
        text = text[(text.IndexOf("?>", StringComparison.Ordinal) + 2)..];
        var encoding = encodingName switch
        {
            "utf-16LE" => new UnicodeEncoding(false, false),
            "utf-16BE" => new UnicodeEncoding(true, false),
            "utf-32LE" => new UTF32Encoding(false, false),
            _ => (Encoding)new UTF32Encoding(true, false),
        };
        var posted = await _tvan.PostMessageAsync(encoding.GetBytes(text));
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal("1001", Assert.Single(posted.Ack!.Reasons!).Code);
    }

    [Fact]
    public async Task Eighty_thousand_namespace_declarations_are_refused_at_once()
    {
        var declarations = string.Concat(Enumerable.Range(0, 80_000).Select(i => $" xmlns:p{i}=\"urn:{i}\""));
        var body = Packages.Replace(Packages.Signed(), "<TDiep>", "<TDiep" + declarations + ">");
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal("1001", Assert.Single(posted.Ack!.Reasons!).Code);
    }

    [Fact]
    public async Task A_refusal_stays_small_however_many_faults_the_message_has()
    {
        var attributes = string.Concat(Enumerable.Range(0, 180_000).Select(i => $" a{i}=\"\""));
        var body = Packages.Replace(Packages.Signed(), "<TDiep>", "<TDiep" + attributes + ">");
        Assert.True(body.Length < 2 * 1024 * 1024);
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Single(posted.Ack!.Reasons!);
        Assert.True(posted.Body.Length < 16 * 1024, $"the 999 is {posted.Body.Length:N0} bytes");
    }

    [Fact]
    public async Task A_999_lists_at_most_100_reasons_and_counts_the_rest()
    {
        // 60 undeclared attributes on each of the 7 header elements: 420 envelope errors.
        var body = Packages.Signed();
        var attributes = string.Concat(Enumerable.Range(0, 60).Select(i => $" x{i}=\"1\""));
        foreach (var name in new[] { "PBan", "MNGui", "MNNhan", "MLTDiep", "MTDiep", "MST", "SLuong" })
            body = Packages.Replace(body, $"<{name}>", $"<{name}{attributes}>");
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        var reasons = posted.Ack!.Reasons!;
        Assert.Equal(TaxAuthoritySim.Intake.ReceptionCheck.MaxReasons + 1, reasons.Count);
        Assert.Contains("320 more reason(s) not listed", reasons[^1].Description, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Intake;

/// <summary>Reception (1001–1008): a 999 with TTTNhan 1 and every reason, or 0 once recorded.</summary>
public sealed class ReceptionTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private readonly HttpClient _tvan = sim.Tvan();

    [Fact]
    public async Task A_valid_package_is_taken_with_TTTNhan_0()
    {
        var body = Packages.Signed();
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal(0, posted.Ack!.Status);
        Assert.Equal(Packages.IdOf(body), posted.Ack.MessageId);
        Assert.Equal(Packages.IdOf(body), posted.Ack.Header.ReplyToId);
        Assert.Equal("TCT", posted.Ack.Header.SenderCode);
        Assert.Equal(DemoData.TvanCode, posted.Ack.Header.ReceiverCode);
        Assert.Null(posted.Ack.Reasons);
    }

    [Fact]
    public async Task Without_a_valid_key_the_answer_is_401()
    {
        var anonymous = sim.CreateClient();
        using var content = new ByteArrayContent(Packages.Signed());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/messages", content)).StatusCode);
        var wrong = sim.Tvan("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostMessageAsync(Packages.Signed())).Status);
        // The admin key is not a T-VAN key.
        Assert.Equal(HttpStatusCode.Unauthorized, (await sim.Tvan(DemoData.AdminKey).PostMessageAsync(Packages.Signed())).Status);
    }

    [Theory]
    [InlineData("<TDiep><TTChung>", "1001")]
    [InlineData("not xml at all", "1001")]
    [InlineData("<!DOCTYPE TDiep [<!ENTITY x \"y\">]><TDiep/>", "1001")]
    public async Task Malformed_XML_is_1001(string text, string code)
    {
        var posted = await _tvan.PostMessageAsync(Encoding.UTF8.GetBytes(text));
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal(1, posted.Ack!.Status);
        Assert.Contains(posted.Ack.Reasons!, r => r.Code == code);
    }

    [Fact]
    public async Task Over_2_MB_is_413_with_1002()
    {
        var big = new byte[2 * 1024 * 1024 + 10];
        Array.Fill(big, (byte)' ');
        var posted = await _tvan.PostMessageAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, posted.Status);
        Assert.Equal("1002", Assert.Single(posted.Ack!.Reasons!).Code);
    }

    [Fact]
    public async Task Envelope_problems_are_each_listed()
    {
        // Receiver not TCT (1005) and a malformed MTDiep (1004) in one message: both reasons.
        var body = Packages.Signed(change: p =>
        {
            p.Header.ReceiverCode = "V0309478306";
            p.Header.MessageId = "V0309478306" + "abc";
        });
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        var codes = posted.Ack!.Reasons!.Select(r => r.Code).ToList();
        Assert.Contains("1005", codes);
        Assert.Contains("1004", codes);
        Assert.All(posted.Ack.Reasons!, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
    }

    [Fact]
    public async Task Missing_header_field_is_1003_with_its_location()
    {
        var body = Packages.Replace(Packages.Signed(), "<PBan>2.1.0</PBan>", "");
        var posted = await _tvan.PostMessageAsync(body);
        var reason = Assert.Single(posted.Ack!.Reasons!, r => r.Code == "1003");
        Assert.Contains("/TDiep/TTChung", reason.Description);
        Assert.Matches(@"line \d+:\d+", reason.Description);
    }

    [Fact]
    public async Task A_sender_other_than_the_authenticated_TVAN_is_1006()
    {
        var options = Packages.Options() with { SenderCode = "V0401486901" };
        var posted = await _tvan.PostMessageAsync(Packages.Signed(options));
        Assert.Contains(posted.Ack!.Reasons!, r => r.Code == "1006");
    }

    [Fact]
    public async Task An_unsupported_type_is_1007()
    {
        var body = Packages.Replace(Packages.Signed(), "<MLTDiep>206</MLTDiep>", "<MLTDiep>202</MLTDiep>");
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Contains(posted.Ack!.Reasons!, r => r.Code == "1007");
    }

    [Fact]
    public async Task Resending_the_same_bytes_replays_the_first_999_and_processes_once()
    {
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        var first = await _tvan.PostMessageAsync(body);
        var again = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Body, again.Body);
        var notice = await _tvan.NoticeAsync(id);
        Assert.Equal(2, notice.Kind);
        await SimulatorHealth.IdleAsync(sim.CreateClient());
        var responses = await _tvan.ResponsesAsync(id);
        Assert.Equal(["999", "204"], responses.Select(SimClient.TypeOf));
    }

    [Fact]
    public async Task Reusing_an_MTDiep_for_different_content_is_1008()
    {
        var options = Packages.Options();
        var body = Packages.Signed(options);
        Assert.Equal(HttpStatusCode.OK, (await _tvan.PostMessageAsync(body)).Status);
        var other = Packages.Signed(options with { FirstSerial = Packages.Serials(3) });
        Assert.Equal(Packages.IdOf(body), Packages.IdOf(other));
        var posted = await _tvan.PostMessageAsync(other);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal("1008", Assert.Single(posted.Ack!.Reasons!).Code);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>
/// The seller → T-VAN XML profile: a seller that builds and signs its 206 itself sends it to its T-VAN, gets the T-VAN's
/// 999, and reads the authority's 999 and 204 relayed back by its own MTDiep; the T-VAN forwards as itself.
/// </summary>
[Collection("pipeline")]
public sealed class TvanXmlProfileTests(PipelineFixture fixture)
{
    private const string Root = "api/services/hddtws/";
    private static readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2> SellerKey = new(() => SamplePackageBuilder.CreateCertificate());

    /// <summary>The seller's own TDiep 206: MNGui = its MST, MNNhan = the T-VAN's MST, MTDiep = its MST + 32 hex, signed by the seller.</summary>
    private static (byte[] Xml, string MessageId) SellerPackage(string? receiver = null, string? messageId = null, bool sign = true)
    {
        var package = SamplePackageBuilder.Build(new SamplePackageOptions
        {
            Invoices = 2, FirstSerial = Random.Shared.NextInt64(1_000_000, 9_000_000_000), MessageGuid = Guid.NewGuid(),
        });
        var id = messageId ?? DemoData.TaxCode + Guid.NewGuid().ToString("N").ToUpperInvariant();
        package.Header.SenderCode = DemoData.TaxCode;
        package.Header.ReceiverCode = receiver ?? DemoData.TvanCode[1..];
        package.Header.MessageId = id;
        var xml = MessageWriter.Write(package);
        return (sign ? SamplePackageBuilder.Sign(xml, SellerKey.Value, DateTime.UtcNow) : xml, id);
    }

    private static async Task<HttpClient> SellerAsync(ProviderSimServer sim)
    {
        var http = new HttpClient { BaseAddress = sim.Address, Timeout = TimeSpan.FromSeconds(30) };
        using var login = await http.PostAsync(Root + "Authentication/GetTokenXML",
            new StringContent("<GetTokenInput><UserName>0106324653</UserName><Password>secret</Password></GetTokenInput>", Encoding.UTF8, "application/xml"));
        var token = XDocument.Parse(await login.Content.ReadAsStringAsync()).Root!.Element("Token")!.Value;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, byte[] xml)
    {
        var content = new ByteArrayContent(xml);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var response = await http.PostAsync(Root + "TiepNhanThongDiep/TiepNhan", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<XElement> LookUpAsync(HttpClient http, string id, int until)
    {
        XElement last = null!;
        var ok = await Eventually.TryUntilAsync(async () =>
        {
            using var response = await http.GetAsync(Root + "TraCuuThongDiep/" + id);
            last = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
            return (int)last.Element("MaKetQua")! == until;
        }, TimeSpan.FromSeconds(20));
        Assert.True(ok, $"the look-up of {id} never said MaKetQua {until}: {last}");
        return last;
    }

    private static string Field(XElement tdiep, string name) => tdiep.Element("TTChung")!.Element(name)?.Value ?? "";

    [Fact]
    public async Task A_sellers_signed_TDiep_is_acknowledged_by_the_TVAN_forwarded_as_the_TVAN_and_the_authoritys_204_relayed_back()
    {
        await using var sim = await fixture.StartAsync("tvan-xml");
        using var seller = await SellerAsync(sim);
        var (xml, id) = SellerPackage();

        var (status, body) = await SendAsync(seller, xml);
        Assert.True(status == HttpStatusCode.OK, body);
        var ack = XDocument.Parse(body).Root!;
        Assert.Equal(("999", DemoData.TvanCode, DemoData.TaxCode, id), (Field(ack, "MLTDiep"), Field(ack, "MNGui"), Field(ack, "MNNhan"), Field(ack, "MTDTChieu")));
        Assert.StartsWith(DemoData.TvanCode, Field(ack, "MTDiep"));
        Assert.Equal("0", ack.Descendants("TTTNhan").Single().Value);

        var result = await LookUpAsync(seller, id, until: 0);
        var forwardId = result.Element("MTDiepCQT")!.Value;
        Assert.StartsWith(DemoData.TvanCode, forwardId); // the T-VAN's own MTDiep, not the seller's
        var messages = result.Element("DuLieu")!.Elements("TDiep").ToList();
        Assert.Equal(body, new XDeclaration("1.0", "UTF-8", null) + messages[0].ToString(SaveOptions.DisableFormatting)); // the T-VAN's 999 first
        await Eventually.UntilAsync(async () =>
        {
            messages = (await LookUpAsync(seller, id, until: 0)).Element("DuLieu")!.Elements("TDiep").ToList();
            return messages.Any(m => Field(m, "MLTDiep") == "204");
        }, "the authority's 204 relayed", TimeSpan.FromSeconds(20));
        var authorityAck = messages.Single(m => Field(m, "MLTDiep") == "999" && Field(m, "MNGui") == "TCT");
        Assert.Equal((DemoData.TvanCode, forwardId, "0"), (Field(authorityAck, "MNNhan"), Field(authorityAck, "MTDTChieu"), authorityAck.Descendants("TTTNhan").Single().Value));
        var notice = MessageReader.Read<DataCheckNotice>(Encoding.UTF8.GetBytes(messages.Single(m => Field(m, "MLTDiep") == "204").ToString(SaveOptions.DisableFormatting)));
        Assert.Equal((forwardId, 2), (notice.Header.ReplyToId, notice.Kind)); // LTBao 2: the package is valid
    }

    [Fact]
    public async Task The_same_TDiep_sent_again_gets_the_same_999_and_is_forwarded_once_but_its_MTDiep_with_other_content_is_refused()
    {
        await using var sim = await fixture.StartAsync("tvan-xml");
        using var seller = await SellerAsync(sim);
        var (xml, id) = SellerPackage();
        var first = await SendAsync(seller, xml);
        var again = await SendAsync(seller, xml);
        Assert.Equal(first, again);
        var forwardId = (await LookUpAsync(seller, id, until: 0)).Element("MTDiepCQT")!.Value;
        Assert.Equal(forwardId, (await LookUpAsync(seller, id, until: 0)).Element("MTDiepCQT")!.Value);

        var (other, _) = SellerPackage(messageId: id);
        var refused = await SendAsync(seller, other);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("TVAN11", refused.Body);
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "another T-VAN as MNNhan", "TVAN05" },
        { "a malformed MTDiep", "TVAN06" },
        { "unsigned", "TVAN09" },
        { "tampered after signing", "TVAN09" },
        { "not XML", "TVAN01" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_TDiep_the_TVAN_cannot_take_is_refused_with_its_999_and_nothing_is_forwarded(string defect, string code)
    {
        await using var sim = await fixture.StartAsync("tvan-xml");
        using var seller = await SellerAsync(sim);
        var (xml, id) = defect switch
        {
            "another T-VAN as MNNhan" => SellerPackage(receiver: "0100109106"),
            "a malformed MTDiep" => SellerPackage(messageId: DemoData.TaxCode + "not-hex"),
            "unsigned" => SellerPackage(sign: false),
            _ => SellerPackage(),
        };
        if (defect == "tampered after signing") xml = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(xml).Replace("Cửa hàng A", "Cửa hàng B"));
        if (defect == "not XML") xml = "<TDiep><TTChung>"u8.ToArray();

        var (status, body) = await SendAsync(seller, xml);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var ack = XDocument.Parse(body).Root!;
        Assert.Equal(("999", "1"), (Field(ack, "MLTDiep"), ack.Descendants("TTTNhan").Single().Value));
        Assert.Contains(code, ack.Descendants("MLoi").Select(e => e.Value));
        using var lookUp = await seller.GetAsync(Root + "TraCuuThongDiep/" + id);
        Assert.Equal(HttpStatusCode.NotFound, lookUp.StatusCode); // nothing kept, nothing forwarded
    }

    [Fact]
    public void The_TVAN_profile_has_the_nine_ready_faults_of_every_profile()
    {
        var profile = new ProfileCatalog(ProfileCatalog.DefaultFolder).Find("tvan-xml")!;
        Assert.Equal(["authority-unreachable", "delay", "duplicate-transaction", "empty-body", "malformed-body", "rate-limited", "server-error",
            "token-expired", "unavailable"], profile.Faults.Order());
    }

    [Theory]
    [InlineData("token-expired", HttpStatusCode.Unauthorized)]
    [InlineData("rate-limited", HttpStatusCode.TooManyRequests)]
    [InlineData("server-error", HttpStatusCode.InternalServerError)]
    [InlineData("unavailable", HttpStatusCode.ServiceUnavailable)]
    [InlineData("empty-body", HttpStatusCode.OK)]
    [InlineData("malformed-body", HttpStatusCode.OK)]
    [InlineData("duplicate-transaction", HttpStatusCode.BadRequest)]
    public async Task A_ready_fault_reaches_the_seller_nothing_is_taken_and_the_same_TDiep_sent_again_goes_through(string fault, HttpStatusCode status)
    {
        await using var sim = await fixture.StartAsync("tvan-xml");
        using var seller = await SellerAsync(sim);
        await Admin.FaultAsync(sim, fault);
        var (xml, id) = SellerPackage();

        var failed = await SendAsync(seller, xml);
        Assert.Equal(status, failed.Status);
        if (fault == "empty-body") Assert.Equal("", failed.Body);
        if (fault == "malformed-body") Assert.ThrowsAny<System.Xml.XmlException>(() => XDocument.Parse(failed.Body));
        if (fault == "duplicate-transaction") Assert.Equal("2", XDocument.Parse(failed.Body).Root!.Element("MaKetQua")!.Value);
        if (fault == "rate-limited") Assert.Contains("Retry-After", (await Admin.JournalAsync(sim)).ToString());
        using (var lookUp = await seller.GetAsync(Root + "TraCuuThongDiep/" + id))
            Assert.Equal(fault == "token-expired" ? HttpStatusCode.Unauthorized : HttpStatusCode.NotFound, lookUp.StatusCode); // nothing taken
        if (fault == "token-expired")
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(seller, xml)).Status); // until a new login
            using var again = await SellerAsync(sim);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(again, xml)).Status);
            Assert.Equal(0, (int)(await LookUpAsync(again, id, until: 0)).Element("MaKetQua")!);
            return;
        }
        var (retried, body) = await SendAsync(seller, xml); // a one-shot fault: the same bytes again are taken
        Assert.True(retried == HttpStatusCode.OK, body);
        await LookUpAsync(seller, id, until: 0);
    }

    [Fact]
    public async Task A_slow_TVAN_takes_the_TDiep_and_the_same_bytes_sent_again_after_a_time_out_get_the_same_999()
    {
        await using var sim = await fixture.StartAsync("tvan-xml");
        using var seller = await SellerAsync(sim);
        await Admin.FaultAsync(sim, "delay");
        var (xml, id) = SellerPackage();
        using (var impatient = new HttpClient { BaseAddress = sim.Address, Timeout = TimeSpan.FromMilliseconds(800) })
        {
            impatient.DefaultRequestHeaders.Authorization = seller.DefaultRequestHeaders.Authorization;
            await Assert.ThrowsAnyAsync<TaskCanceledException>(() => SendAsync(impatient, xml));
        }
        var (status, body) = await SendAsync(seller, xml); // slow too while the delayed answer is being made, then the same 999
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(id, XDocument.Parse(body).Descendants("MTDTChieu").Single().Value);
        var messages = new List<XElement>();
        await Eventually.UntilAsync(async () =>
        {
            messages = (await LookUpAsync(seller, id, until: 0)).Element("DuLieu")!.Elements("TDiep").ToList();
            return messages.Any(m => Field(m, "MLTDiep") == "204");
        }, "the authority's 204 relayed", TimeSpan.FromSeconds(20));
        Assert.Single(messages, m => Field(m, "MLTDiep") == "999" && Field(m, "MNGui") == "TCT"); // forwarded once
    }

    [Fact]
    public async Task With_the_authority_unreachable_behind_the_TVAN_every_TDiep_is_refused_until_it_is_back()
    {
        await using var sim = await fixture.StartAsync("tvan-xml");
        using var seller = await SellerAsync(sim);
        await Admin.FaultAsync(sim, "authority-unreachable");
        var (xml, id) = SellerPackage();
        for (var i = 0; i < 2; i++)
        {
            var (status, body) = await SendAsync(seller, xml);
            Assert.Equal(HttpStatusCode.BadGateway, status);
            Assert.Equal("3", XDocument.Parse(body).Root!.Element("MaKetQua")!.Value);
        }
        using (var lookUp = await seller.GetAsync(Root + "TraCuuThongDiep/" + id))
            Assert.Equal(HttpStatusCode.NotFound, lookUp.StatusCode);
        await Admin.FaultAsync(sim, "authority-unreachable", on: false);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(seller, xml)).Status);
        await LookUpAsync(seller, id, until: 0);
    }

    [Fact]
    public async Task The_judgement_reads_the_sellers_XML_its_MTDiep_kept_on_a_resend_and_its_signature()
    {
        await using var sim = await fixture.StartAsync("tvan-xml");
        using var seller = await SellerAsync(sim);
        await Admin.FaultAsync(sim, "server-error");
        var (xml, _) = SellerPackage();
        Assert.Equal(HttpStatusCode.InternalServerError, (await SendAsync(seller, xml)).Status);
        await Task.Delay(300); // backs off
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(seller, xml)).Status); // the same bytes, the same MTDiep
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(seller, SellerPackage(sign: false).Xml)).Status);

        var verdicts = await JudgeTests.VerdictsAsync(sim, 4);
        JudgeTests.Expect(verdicts, "transaction-id", "pass");
        JudgeTests.Expect(verdicts, "same-id-on-retry", "pass");
        JudgeTests.Expect(verdicts, "login-reuse", "pass");
        JudgeTests.Expect(verdicts, "back-off", "pass");
        JudgeTests.Expect(verdicts, "accepted-content", "fail");
        JudgeTests.Expect(verdicts, "signature", "fail");
        Assert.DoesNotContain("totals", verdicts.Keys);
    }

    [Fact]
    public async Task Without_a_token_the_TVAN_answers_401()
    {
        await using var sim = await fixture.StartAsync("tvan-xml");
        using var http = new HttpClient { BaseAddress = sim.Address };
        var (status, _) = await SendAsync(http, SellerPackage().Xml);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task With_the_authority_unreachable_the_TVAN_still_acknowledges_and_says_it_has_not_forwarded_yet()
    {
        await using var sim = await ProviderSimServer.StartAsync(new ProfileCatalog(ProfileCatalog.DefaultFolder).Find("tvan-xml")!,
            fixture.Pipeline.ProviderApi, authority: new Uri("http://127.0.0.1:9/"));
        using var seller = await SellerAsync(sim);
        var (xml, id) = SellerPackage();
        var (status, body) = await SendAsync(seller, xml);
        Assert.True(status == HttpStatusCode.OK, body);
        var result = await LookUpAsync(seller, id, until: 3);
        Assert.Single(result.Element("DuLieu")!.Elements("TDiep")); // the T-VAN's 999 only
    }
}

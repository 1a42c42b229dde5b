using System.Net;
using System.Text;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Features.Drivers;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>A seller's own signed package through its T-VAN (Features/ProviderSim/SellerToTvan.feature): <see cref="SellerTvanDriver"/>.</summary>
[Binding]
public sealed class SellerTvanSteps(SellerTvanDriver shop)
{
    [Given("the shop signs its own package of {int} invoice(s) for its T-VAN")]
    public void GivenAPackage(int invoices) => shop.Build(invoices);

    [Given(@"^the package is (addressed to another T-VAN|changed after signing|not signed)$")]
    public void GivenADefect(string defect)
    {
        switch (defect)
        {
            case "addressed to another T-VAN": shop.Build(1, receiver: "0100109106"); break;
            case "not signed": shop.Build(1, sign: false); break;
            default: shop.Package = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(shop.Package).Replace(DemoData.SellerName, "Cửa hàng B")); break;
        }
    }

    [When("the shop sends the package to its T-VAN")]
    [When("the shop sends the package to its T-VAN again")]
    public Task WhenSent() => shop.SendAsync();

    [Then("the T-VAN acknowledges the package under the shop's message id")]
    public void ThenAcknowledged()
    {
        var answer = shop.Answers[^1];
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        var ack = answer.Xml;
        Assert.Equal(("999", DemoData.TvanCode, DemoData.TaxCode, shop.MessageId, "0"),
            (SellerTvanDriver.Field(ack, "MLTDiep"), SellerTvanDriver.Field(ack, "MNGui"), SellerTvanDriver.Field(ack, "MNNhan"),
             SellerTvanDriver.Field(ack, "MTDTChieu"), ack.Descendants("TTTNhan").Single().Value));
    }

    [Then("the T-VAN passed the package on to the authority under its own name")]
    public async Task ThenPassedOn()
    {
        var result = await shop.LookUpUntilAsync(r => (int?)r.Element("MaKetQua") == 0, "the authority's answer");
        var forwarded = result.Element("MTDiepCQT")!.Value;
        Assert.StartsWith(DemoData.TvanCode, forwarded);
        var authorityAck = result.Element("DuLieu")!.Elements("TDiep").Single(m => SellerTvanDriver.Field(m, "MNGui") == "TCT" && SellerTvanDriver.Field(m, "MLTDiep") == "999");
        Assert.Equal((DemoData.TvanCode, forwarded, "0"),
            (SellerTvanDriver.Field(authorityAck, "MNNhan"), SellerTvanDriver.Field(authorityAck, "MTDTChieu"), authorityAck.Descendants("TTTNhan").Single().Value));
    }

    [Then("the shop reads the authority's notice that the package is valid")]
    public async Task ThenTheNoticeIsValid()
    {
        var result = await shop.LookUpUntilAsync(r => r.Element("DuLieu")?.Elements("TDiep").Any(m => SellerTvanDriver.Field(m, "MLTDiep") == "204") == true, "the 204");
        var notice = result.Element("DuLieu")!.Elements("TDiep").Single(m => SellerTvanDriver.Field(m, "MLTDiep") == "204");
        var read = MessageReader.Read<DataCheckNotice>(Encoding.UTF8.GetBytes(notice.ToString(System.Xml.Linq.SaveOptions.DisableFormatting)));
        Assert.Equal((2, result.Element("MTDiepCQT")!.Value), (read.Kind, read.Header.ReplyToId));
    }

    [Then("the T-VAN gives the same acknowledgement both times")]
    public void ThenTheSameAck()
    {
        Assert.Equal(2, shop.Answers.Count);
        Assert.Equal(shop.Answers[0], shop.Answers[1]);
        Assert.Equal(HttpStatusCode.OK, shop.Answers[0].Status);
    }

    [Then("the T-VAN passed the package on to the authority only once")]
    public async Task ThenOnce()
    {
        var result = await shop.LookUpUntilAsync(r => (int?)r.Element("MaKetQua") == 0, "the authority's answer");
        var authorityAcks = result.Element("DuLieu")!.Elements("TDiep").Count(m => SellerTvanDriver.Field(m, "MNGui") == "TCT" && SellerTvanDriver.Field(m, "MLTDiep") == "999");
        Assert.Equal(1, authorityAcks);
    }

    [Then("the T-VAN refuses the package, citing {word}")]
    public void ThenRefused(string code)
    {
        var answer = shop.Answers[^1];
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("1", answer.Xml.Descendants("TTTNhan").Single().Value);
        Assert.Contains(code, answer.Xml.Descendants("MLoi").Select(e => e.Value));
    }

    [Then("the T-VAN has nothing to pass on for the package")]
    public async Task ThenNothing() => Assert.Equal(HttpStatusCode.NotFound, (await shop.LookUpAsync()).Status);
}

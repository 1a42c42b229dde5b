using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>Every ready fault of the VNPT profile, turned on through the admin API and met by a POS that recovers with the same Fkey.</summary>
[Collection("pipeline")]
public sealed class VnptFaultTests(PipelineFixture fixture)
{
    public static TheoryData<string> Faults() => [.. new ProfileCatalog(ProfileCatalog.DefaultFolder).Find("vnpt-invoice")!.Faults];

    [Fact]
    public void The_VNPT_profile_has_the_ready_faults_with_its_credentials_failure_for_the_token()
    {
        Assert.Equal(["auth-refused", "authority-unreachable", "delay", "duplicate-transaction", "empty-body", "malformed-body", "rate-limited",
            "server-error", "unavailable"], new ProfileCatalog(ProfileCatalog.DefaultFolder).Find("vnpt-invoice")!.Faults.Order());
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_ready_fault_reaches_the_POS_and_the_POS_recovers_with_the_same_Fkey(string fault)
    {
        await using var sim = await fixture.StartAsync("vnpt-invoice");
        using var pos = new VnptPos(sim.Address);
        await Admin.FaultAsync(sim, fault);
        var fkey = "POS1-" + Guid.NewGuid().ToString("N")[..20];

        if (fault == "delay")
        {
            using var impatient = new VnptPos(sim.Address, TimeSpan.FromSeconds(1));
            await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.PublishAsync(VnptPos.Invoice(fkey)));
            // the slow answer issues it: the POS looks the Fkey up (sending it again would be ERR:13) and finds the invoice
            await pos.WaitForAsync(fkey);
            return;
        }
        if (fault == "authority-unreachable")
        {
            for (var i = 0; i < 2; i++)
                Assert.Contains("Cơ quan thuế", await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(fkey))));
            Assert.Null(await pos.LookUpAsync(fkey));
            await Admin.FaultAsync(sim, fault, on: false);
            Assert.StartsWith("OK:", await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(fkey))));
            return;
        }

        using (var faulty = await pos.PublishAsync(VnptPos.Invoice(fkey)))
        {
            var text = await faulty.Content.ReadAsStringAsync();
            switch (fault)
            {
                case "auth-refused":
                    Assert.Equal("ERR:1", await VnptPos.ResultAsync(faulty));
                    break;
                case "rate-limited":
                    Assert.Equal(HttpStatusCode.TooManyRequests, faulty.StatusCode);
                    Assert.Equal(TimeSpan.FromSeconds(1), faulty.Headers.RetryAfter?.Delta);
                    break;
                case "server-error":
                    Assert.Equal(HttpStatusCode.InternalServerError, faulty.StatusCode);
                    Assert.Contains("soap:Server", text);
                    break;
                case "unavailable":
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, faulty.StatusCode);
                    Assert.StartsWith("<html>", text);
                    break;
                case "empty-body":
                    Assert.Equal((HttpStatusCode.OK, ""), (faulty.StatusCode, text));
                    break;
                case "malformed-body":
                    Assert.Equal(HttpStatusCode.OK, faulty.StatusCode);
                    Assert.ThrowsAny<XmlException>(() => XDocument.Parse(text));
                    break;
                case "duplicate-transaction":
                    Assert.Equal("ERR:13", await VnptPos.ResultAsync(faulty));
                    break;
                default:
                    Assert.Fail("no expectation for fault " + fault);
                    break;
            }
        }
        Assert.Null(await pos.LookUpAsync(fkey)); // nothing was issued
        Assert.StartsWith("OK:", await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(fkey)))); // one-shot: the same Fkey goes through
    }
}

using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using System.Net;
using System.Net.Http.Json;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Certification;

/// <summary>
/// The directly connected taxpayer (MNGui K + MST, no T-VAN): its packages are taken without a T-VAN contract; a
/// package naming another sender, or another taxpayer's MST, is refused with 1006.
/// </summary>
public sealed class DirectSenderTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();

    public void Dispose() => _sim.Dispose();

    [Fact]
    public async Task A_K_plus_MST_sender_is_accepted_for_its_own_MST_and_refused_with_1006_otherwise()
    {
        using var admin = _sim.Admin();
        using var v = await ScriptedVendor.StartAsync(admin, _sim.CreateClient, plan: "direct-taxpayer");
        Assert.Equal("K" + v.Session.TaxCode, v.Session.Sender);

        var id = await v.SendAndReadAsync();
        var notice = await v.Client.NoticeAsync(id);
        Assert.Empty(notice.Codes()); // no 5001: a direct connection has no T-VAN contract to check

        var wrongSender = await v.Client.PostMessageAsync(v.Package(sender: DemoData.TvanCode));
        Assert.Equal(HttpStatusCode.BadRequest, wrongSender.Status);
        Assert.Contains("1006", wrongSender.Ack!.Reasons!.Select(r => r.Code));

        var otherMst = await v.Client.PostMessageAsync(v.Package(taxCode: DemoData.TaxCode));
        Assert.Equal(HttpStatusCode.BadRequest, otherMst.Status);
        Assert.Contains(otherMst.Ack!.Reasons!, r => r.Code == "1006" && r.Description!.Contains(DemoData.TaxCode));

        // A K sender can be seeded on the control plane too (the connection mode is part of the contract).
        var seeded = await admin.PostAsJsonAsync("/admin/v1/seed", new { tvans = new[] { new { code = "K" + DemoData.TaxCode, apiKey = "direct-key-0106324653" } } });
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        var bad = await admin.PostAsJsonAsync("/admin/v1/seed", new { tvans = new[] { new { code = "X" + DemoData.TaxCode, apiKey = "x-key-123456" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_direct_plan_registers_a_new_cash_register_and_judges_the_new_block_used()
    {
        using var admin = _sim.Admin();
        using var v = await ScriptedVendor.StartAsync(admin, _sim.CreateClient, plan: "direct-taxpayer");
        await v.SendAndReadAsync();
        await v.SendAndReadAsync();
        await v.DoneAsync("first-packages");
        await v.SendUntilTakenAsync(v.Package());
        await v.DoneAsync("resend-after-503");
        var lost = v.Package();
        await v.SendUntilTakenAsync(lost);
        await PlanTests.WaitForJournalAsync(admin, Packages.IdOf(lost), "204 dropped");
        await v.Client.GetAsync($"/api/v1/messages/{Packages.IdOf(lost)}/responses");
        await v.DoneAsync("missing-204");

        var form = SampleRegistrationBuilder.Write(SampleRegistrationBuilder.Build(v.Session.TaxCode, v.Session.Sender),
            SamplePackageBuilder.CreateCertificate(v.Session.TaxCode, "Cửa hàng chứng nhận"));
        await v.SendUntilTakenAsync(form);
        await v.Client.WaitForAsync(Packages.IdOf(form), "103");
        var blocks = (await v.ViewAsync()).Blocks;
        Assert.Equal(2, blocks.Count);
        var newBlock = blocks.Single(b => b != v.Session.Blocks[0]);
        var package = SamplePackageBuilder.BuildSigned(new SamplePackageOptions
        {
            Invoices = 2, TaxCode = v.Session.TaxCode, SenderCode = v.Session.Sender, CodeBlock = newBlock, SellerName = "Cửa hàng chứng nhận",
            FirstSerial = 1, MessageGuid = Guid.NewGuid(),
        }, SamplePackageBuilder.CreateCertificate(v.Session.TaxCode, "Cửa hàng chứng nhận"), Packages.SigningTime);
        await v.SendUntilTakenAsync(package);
        await v.Client.WaitForAsync(Packages.IdOf(package), "204");
        var step = ScriptedVendor.Step(await v.DoneAsync("new-cash-register"), "new-cash-register");
        Assert.True(step.Verdict == CertificationVerdicts.Passed, string.Join("\n", step.Reasons));
        Assert.Contains(Packages.IdOf(form), step.Messages);
    }
}

using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Registration;

/// <summary>100 → 102 (received) → 103 (accepted, with a fresh code block the data check then honours).</summary>
public sealed class RegistrationTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private readonly HttpClient _tvan = sim.Tvan();

    private static byte[] Form(string mst, int cashRegister = 1, bool sign = true) =>
        SampleRegistrationBuilder.Write(SampleRegistrationBuilder.Build(mst, cashRegister: cashRegister),
            sign ? SamplePackageBuilder.CreateCertificate(mst) : null);

    [Fact]
    public async Task An_accepted_registration_issues_a_fresh_block_that_the_data_check_then_accepts()
    {
        const string mst = "0301521415";
        var form = Form(mst);
        var id = Packages.IdOf(form);
        var posted = await _tvan.PostMessageAsync(form);
        Assert.Equal(0, posted.Ack!.Status);

        var receipt = MessageReader.Read<RegistrationReceipt>(await _tvan.WaitForAsync(id, "102"));
        Assert.True(receipt.Case == 1, string.Join("; ", (receipt.Reasons ?? []).Select(r => r.Code + " " + r.Description)));
        var raw103 = await _tvan.WaitForAsync(id, "103");
        var decision = MessageReader.Read<RegistrationDecision>(raw103);
        Assert.Equal(1, decision.Accepted);
        var block = Assert.Single(decision.CodeBlocks!);
        Assert.True(CodeBlock.IsValid(block));
        Assert.NotEqual(DemoData.CodeBlock, block);
        Assert.True(XmlSignatureVerifier.VerifyNotice(SafeXml.LoadDocument(raw103)).IsValid);

        var package = Packages.Signed(Packages.Options(mst: mst, block: block), certificate: SamplePackageBuilder.CreateCertificate(mst));
        await _tvan.PostMessageAsync(package);
        var notice = await _tvan.NoticeAsync(Packages.IdOf(package));
        Assert.True(notice.Kind == 2, string.Join("; ", notice.Codes()));
    }

    [Fact]
    public async Task Unknown_MST_is_not_received_and_an_unsigned_form_neither()
    {
        var unknown = Form("0309478306");
        await _tvan.PostMessageAsync(unknown);
        var receipt = MessageReader.Read<RegistrationReceipt>(await _tvan.WaitForAsync(Packages.IdOf(unknown), "102"));
        Assert.Equal(2, receipt.Case);
        Assert.Contains(receipt.Reasons!, r => r.Code == "2001");

        var unsigned = Form("0106324653", sign: false);
        await _tvan.PostMessageAsync(unsigned);
        var second = MessageReader.Read<RegistrationReceipt>(await _tvan.WaitForAsync(Packages.IdOf(unsigned), "102"));
        Assert.Equal(2, second.Case);
        Assert.Contains(second.Reasons!, r => r.Code == "4001");
    }

    [Fact]
    public async Task A_registration_without_the_cash_register_option_is_not_accepted()
    {
        var form = Form("0106324653", cashRegister: 0);
        await _tvan.PostMessageAsync(form);
        var decision = MessageReader.Read<RegistrationDecision>(await _tvan.WaitForAsync(Packages.IdOf(form), "103"));
        Assert.Equal(2, decision.Accepted);
        Assert.Null(decision.CodeBlocks);
    }
}

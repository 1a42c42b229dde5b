using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Provider.Signing;

namespace ConformanceKit.Conformance.Tests.Provider;

/// <summary>`ck provider` and `ck sign` against a running provider (its pipeline: Provider.Tests, Pipeline).</summary>
public sealed class ProviderCommandTests
{
    [Fact]
    public async Task Token_mode_packages_wait_to_be_signed_until_ck_sign_runs()
    {
        await using var p = await Pipeline.StartAsync(o => o with { Sync = ConformanceKit.Provider.SyncMode.Realtime }, signer: new DeferredTokenSigner());
        await p.SellAsync("s1");
        await p.SellAsync("s2");
        await p.WaitUntilAsync(s => s.Packages(ConformanceKit.Provider.PackageState.ToSign).Count == 2, "both packages wait for a signature");
        await Task.Delay(300);
        Assert.Equal(2, p.Store.Packages(ConformanceKit.Provider.PackageState.ToSign).Count); // nothing signs them by itself

        var folder = TestFolder.Create();
        var pfx = Path.Combine(folder, "token.pfx");
        using (var certificate = SamplePackageBuilder.CreateCertificate()) File.WriteAllBytes(pfx, TestCertificates.ExportPfx(certificate, "1234"));
        var result = await Ck.RunAsync("sign", "--provider", p.Provider.Address.ToString(), "--pfx", pfx, "--password", "1234");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("2 of 2 signed", result.Out, StringComparison.Ordinal);
        await p.WaitUntilAsync(s => s.Invoices(ConformanceKit.Provider.InvoiceState.Accepted).Count == 2, "the signed packages are accepted");
    }

    [Fact]
    public async Task The_provider_commands_refuse_bad_options_with_2_and_an_unreachable_provider_is_a_harness_failure_3()
    {
        Assert.Equal(3, (await Ck.RunAsync("provider", "status", "--provider", "http://127.0.0.1:9/")).ExitCode);
        var bad = await Ck.RunAsync("provider", "--db", Path.Combine(TestFolder.Create(), "p.db"), "--end-of-day", "25:99");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--end-of-day", bad.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Ck.RunAsync("provider", "--db", "x.db", "--target", "not a url")).ExitCode);
        var sign = await Ck.RunAsync("sign", "--pfx", "/nonexistent.pfx");
        Assert.Equal(2, sign.ExitCode);
    }
}

using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.Conformance.Tests.Sample;

public class SampleCommandTests
{
    [Fact]
    public async Task Sample_package_writes_a_valid_signed_package_of_the_requested_size()
    {
        var file = TestFolder.File("package.xml");
        var run = await Ck.RunAsync(["sample", "package", "--invoices", "25", "--out", file]);
        Assert.Equal(0, run.ExitCode);

        var result = MessageValidator.Validate(File.ReadAllBytes(file));
        Assert.True(result.IsValid, string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Path} {f.Message}")));
        Assert.Empty(result.Findings);
        Assert.Equal(25, result.InvoiceCount);
        Assert.Equal("0106324653", result.TaxCode);
        Assert.Equal(SignatureStatus.Valid, Assert.Single(result.Signatures).Status);
    }

    [Fact]
    public async Task Sample_package_signs_with_a_given_PFX()
    {
        var cert = Einvoice.Samples.SamplePackageBuilder.CreateCertificate("0301521415", "Cửa hàng B");
        var pfx = TestFolder.File("seller.pfx");
        File.WriteAllBytes(pfx, TestCertificates.ExportPfx(cert, "secret"));
        var file = TestFolder.File("p.xml");

        var run = await Ck.RunAsync(["sample", "package", "-n", "2", "--mst", "0301521415", "--cert", pfx, "--password", "secret", "--out", file]);

        Assert.Equal(0, run.ExitCode);
        var result = MessageValidator.Validate(File.ReadAllBytes(file));
        Assert.True(result.IsValid);
        Assert.Equal(cert.Thumbprint, Assert.Single(result.Signatures).Certificate!.Thumbprint);
    }

    [Theory]
    [InlineData("--invoices", "0")]
    [InlineData("--mst", "0106324654")]
    [InlineData("--block", "ab")]
    [InlineData("--cert", "/no/such.pfx")]
    public async Task Bad_options_exit_2_with_a_reason(string option, string value)
    {
        var run = await Ck.RunAsync(["sample", "package", option, value, "--out", TestFolder.File("x.xml")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error:", run.Error);
    }

    [Fact]
    public async Task Sample_set_writes_every_variant_with_its_expectations()
    {
        var dir = Path.GetDirectoryName(TestFolder.File("x"))!;
        var run = await Ck.RunAsync(["sample", "set", "--out", dir]);
        Assert.Equal(0, run.ExitCode);
        foreach (var v in Einvoice.Samples.SampleVariants.All)
        {
            var folder = Path.Combine(dir, v.IsValid ? "valid" : "invalid");
            Assert.True(File.Exists(Path.Combine(folder, v.Name + ".xml")));
            Assert.True(File.Exists(Path.Combine(folder, v.Name + ".expected.json")));
        }
    }
}

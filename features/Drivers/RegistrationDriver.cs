using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Features.Drivers;

/// <summary>Builds a registration (message 100, form 01/ĐKTĐ-HĐĐT) for invoices from cash registers, signed by the taxpayer.</summary>
public static class RegistrationDriver
{
    public static byte[] SignedForCashRegisters(string taxCode) =>
        SampleRegistrationBuilder.Write(SampleRegistrationBuilder.Build(taxCode), PackageDriver.CertificateFor(taxCode));

    /// <summary>The code block an accepted 103 issued; fails, saying what the 103 holds, when it is not an acceptance with one fresh block.</summary>
    public static string FreshBlockOf(RegistrationDecision decision)
    {
        Assert.True(decision.Accepted == 1, $"expected TTXNCQT 1; the 103 says {decision.Accepted} citing [{string.Join(", ", (decision.Reasons ?? []).Select(r => r.Code))}]");
        var block = Assert.Single(decision.CodeBlocks ?? []);
        Assert.True(CodeBlock.IsValid(block) && block != DemoData.CodeBlock, $"'{block}' is not a fresh code block");
        return block;
    }

    /// <summary>A valid package of the taxpayer's, signed with its key, coded with the block its registration got.</summary>
    public static byte[] PackageCodedWith(int invoices, string taxCode, string block) =>
        PackageDriver.Signed(PackageDriver.Options(invoices, taxCode) with { CodeBlock = block }, certificate: PackageDriver.CertificateFor(taxCode));
}

using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Features.Drivers;

/// <summary>Builds a registration (message 100, form 01/ĐKTĐ-HĐĐT) for invoices from cash registers, signed by the taxpayer.</summary>
public static class RegistrationDriver
{
    public static byte[] SignedForCashRegisters(string taxCode) =>
        SampleRegistrationBuilder.Write(SampleRegistrationBuilder.Build(taxCode), PackageDriver.CertificateFor(taxCode));
}

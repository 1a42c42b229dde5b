using System.Text;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.Einvoice.Tests.Validation;

internal static class ValidatorFixtures
{
    public static readonly ValidationOptions NoSignatures = new() { CheckSignatures = false };

    public static InvoicePackage Package(int invoices = 3) => SamplePackageBuilder.Build(new SamplePackageOptions
    {
        Invoices = invoices, MessageGuid = new Guid("11111111-2222-4333-8444-555555555555"), Seed = 7,
    });

    public static ValidationResult Validate(InvoicePackage package) =>
        MessageValidator.Validate(MessageWriter.Write(package), NoSignatures);

    public static ValidationResult Validate(string xml, ValidationOptions? options = null) =>
        MessageValidator.Validate(Encoding.UTF8.GetBytes(xml), options ?? NoSignatures);

    public static string Xml(InvoicePackage package) => Encoding.UTF8.GetString(MessageWriter.Write(package));

    public static Finding Single(ValidationResult result, string code)
    {
        var matches = result.Findings.Where(f => f.Code == code).ToList();
        Assert.True(matches.Count == 1, $"expected one {code}, got: " + string.Join(" | ", result.Findings.Select(f => $"{f.Code} {f.Path} {f.Message}")));
        return matches[0];
    }
}

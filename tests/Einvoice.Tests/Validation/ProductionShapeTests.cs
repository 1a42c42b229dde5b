using System.Text;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.Einvoice.Tests.Validation;

/// <summary>
/// What production senders really send passes with warnings only; the same packages with an empty
/// mandatory element are still refused, located.
/// </summary>
public class ProductionShapeTests
{
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate = SamplePackageBuilder.CreateCertificate();

    private static readonly DateTime SigningTime = new(2025, 6, 15, 21, 30, 0);

    public static TheoryData<string> Shapes()
    {
        var data = new TheoryData<string>();
        foreach (var shape in ProductionShapes.All) data.Add(shape.Name);
        return data;
    }

    private static SamplePackageOptions Options() => new()
    {
        Invoices = 4, IssueDate = new DateOnly(2025, 6, 15), Seed = 11, MessageGuid = new Guid("0b7d2c4e-5f6a-4b8c-9d0e-1f2a3b4c5d6e"),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_shape_seen_in_production_is_valid_with_its_warnings_only(string name)
    {
        var shape = ProductionShapes.Named(name)!;
        var result = MessageValidator.Validate(shape.Build(Options(), Certificate, SigningTime));
        Assert.True(result.IsValid, string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Path} {f.Message}")));
        Assert.Equal(shape.Warnings.Order(), result.Findings.Select(f => f.Code).Distinct().Order());
        Assert.All(result.Findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.All(result.Signatures, s => Assert.True(s.IsValid));
        Assert.Equal(SigningTime, Assert.Single(result.Signatures).SigningTime);
    }

    [Fact]
    public void The_template_senders_empty_reply_to_and_signing_time_are_each_named()
    {
        var result = MessageValidator.Validate(ProductionShapes.TemplateSender.Build(Options(), Certificate, SigningTime));
        var empty = Assert.Single(result.Findings, f => f.Code == "W006");
        Assert.Equal("/TDiep/TTChung/MTDiep".Replace("MTDiep", "MTDTChieu", StringComparison.Ordinal), empty.Path);
        Assert.True(empty.Line > 0 && empty.Column > 0);
        var time = Assert.Single(result.Findings, f => f.Code == "W007");
        Assert.StartsWith("/TDiep/CKSNNT/Signature", time.Path, StringComparison.Ordinal);
        Assert.StartsWith("CKSNNT-", result.Signatures[0].SignatureId, StringComparison.Ordinal);
    }

    [Fact]
    public void The_web_pos_empty_buyer_MST_is_a_warning_per_invoice_and_no_check_digit_error()
    {
        var result = MessageValidator.Validate(ProductionShapes.WebPos.Build(Options(), Certificate, SigningTime));
        var warnings = result.Findings.Where(f => f.Code == "W006").ToList();
        Assert.Equal(4, warnings.Count(f => f.Path!.EndsWith("/NMua/MST", StringComparison.Ordinal)));
        Assert.Equal([1, 2, 3, 4], warnings.Select(f => f.InvoiceIndex ?? 0).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void An_empty_mandatory_element_is_still_refused_with_its_place(string name)
    {
        var shape = ProductionShapes.Named(name)!;
        var bytes = shape.Build(Options(), Certificate, SigningTime, alsoModel: p => p.Invoices[1].Lines[0].ItemName = "");
        var error = Assert.Single(MessageValidator.Validate(bytes).Findings, f => f.IsError);
        Assert.Equal("3001", error.Code);
        Assert.Equal("/TDiep/DLieu/HDon[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/THHDVu", error.Path);
        Assert.True(error.Line > 0 && error.Column > 0);
    }

    [Theory]
    [InlineData("PBan")]
    [InlineData("MNGui")]
    public void An_empty_mandatory_envelope_element_is_still_1003(string element)
    {
        var bytes = ProductionShapes.TemplateSender.Build(Options(), Certificate, SigningTime,
            alsoUnsigned: b => Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(
                Encoding.UTF8.GetString(b), $"<{element}>[^<]*</{element}>", $"<{element}></{element}>")));
        var errors = MessageValidator.Validate(bytes, new ValidationOptions { EnvelopeOnly = true }).Findings.Where(f => f.IsError).ToList();
        Assert.Contains(errors, f => f.Code == "1003" && f.Path == $"/TDiep/TTChung/{element}" && f.Line > 0);
    }
}

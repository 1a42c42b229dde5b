using System.Text;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Tests.Model;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Tests.Validation;

/// <summary>Every modelled message type validates against its schema; the authority's notices are signature-checked.</summary>
public class NoticeValidationTests
{
    public static TheoryData<string> MessageNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in SampleMessages.All()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Every_modelled_message_written_by_the_writer_passes_its_schema_and_rules(string name)
    {
        var message = SampleMessages.All().Single(m => m.Name == name).Message;
        var result = MessageValidator.Validate(MessageWriter.Write(message), new ValidationOptions { CheckSignatures = false, Advisory = false });
        Assert.True(result.IsValid, string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Path} {f.Message}")));
    }

    [Fact]
    public void A_signed_204_is_valid_and_a_changed_one_names_the_broken_reference()
    {
        var authority = TestCertificates.CreateSelfSigned("Tổng cục Thuế (mô phỏng)", null,
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var notice = SampleMessages.DataCheckFailed();
        notice.SignaturesXml = null; // the model sample carries a placeholder signature
        var doc = SafeXml.LoadDocument(MessageWriter.Write(notice));
        XmlSigner.SignNotice(doc, authority, new DateTime(2025, 6, 15, 21, 35, 0));
        var signed = SafeXml.ToBytes(doc);

        var ok = MessageValidator.Validate(signed);
        Assert.True(ok.IsValid, string.Join("\n", ok.Findings.Select(f => $"{f.Code} {f.Path} {f.Message}")));
        Assert.Equal("/TDiep/DLieu/TBao/DSCKS/CQT/Signature", Assert.Single(ok.Signatures).Path);

        var text = Encoding.UTF8.GetString(signed);
        var tampered = Encoding.UTF8.GetBytes(text.Replace("<LTBao>7</LTBao>", "<LTBao>2</LTBao>", StringComparison.Ordinal));
        var bad = MessageValidator.Validate(tampered);
        var f = Assert.Single(bad.Findings, x => x.Code == "4002");
        Assert.Contains("digest does not match", f.Message);
    }

    [Fact]
    public void An_unsigned_204_is_reported_missing()
    {
        var notice = SampleMessages.DataCheckValid();
        notice.SignaturesXml = null;
        var result = MessageValidator.Validate(MessageWriter.Write(notice));
        Assert.Contains(result.Findings, f => f.Code is "4001" or "3001");
        Assert.False(result.IsValid);
    }
}

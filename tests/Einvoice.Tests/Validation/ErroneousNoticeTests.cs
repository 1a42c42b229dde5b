using System.Text;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Tests.Model;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Einvoice.Xml;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Einvoice.Tests.Validation;

/// <summary>303 (Form 04/SS-HĐĐT) and its 301 reply: read, written, schema-checked with located findings, signed.</summary>
public class ErroneousNoticeTests
{
    private static readonly DateTime SigningTime = new(2025, 6, 16, 9, 0, 0);

    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Seller = SamplePackageBuilder.CreateCertificate();

    private static IReadOnlyList<CashRegisterInvoice> Invoices(int n) =>
        SamplePackageBuilder.Build(new SamplePackageOptions { Invoices = n, MessageGuid = Guid.Empty }).Invoices;

    private static byte[] Signed(params SampleErroneousNoticeBuilder.Entry[] entries) =>
        SampleErroneousNoticeBuilder.BuildSigned(entries, Seller, SigningTime);

    [Fact]
    public void A_signed_303_from_the_builder_is_valid_and_reads_back()
    {
        var invoices = Invoices(2);
        var bytes = Signed(new(invoices[0], SampleErroneousNoticeBuilder.Correction.Cancel, "Hủy do nhập sai giá"),
            new(invoices[1], SampleErroneousNoticeBuilder.Correction.Explain, "Giải trình"));

        var result = MessageValidator.Validate(bytes);
        Assert.True(result.IsValid, string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Path} {f.Message}")));
        Assert.Equal("303", result.MessageType);
        var signature = Assert.Single(result.Signatures);
        Assert.Equal("/TDiep/DLieu/TBao/DSCKS/NNT/Signature", signature.Path);
        Assert.True(signature.IsValid);

        var notice = MessageReader.Read<ErroneousInvoiceNotice>(bytes);
        Assert.Equal([invoices[0].Code, invoices[1].Code], notice.Invoices.Select(i => i.Code));
        Assert.Equal([1, 4], notice.Invoices.Select(i => i.Action!.Value));
        Assert.Equal("Hủy do nhập sai giá", notice.Invoices[0].Reason);
        Assert.Equal("04/SS-HĐĐT", notice.FormNumber);
    }

    [Fact]
    public void An_unsigned_303_is_4001_and_a_changed_one_4002()
    {
        var invoices = Invoices(1);
        var unsigned = MessageWriter.Write(SampleErroneousNoticeBuilder.Build([new(invoices[0], SampleErroneousNoticeBuilder.Correction.Cancel)]));
        var missing = MessageValidator.Validate(unsigned);
        Assert.Contains(missing.Findings, f => f.Code == ErrorCodes.SignatureMissing && f.Path == "/TDiep/DLieu/TBao/DSCKS/NNT/Signature");

        var signed = Signed(new SampleErroneousNoticeBuilder.Entry(invoices[0], SampleErroneousNoticeBuilder.Correction.Cancel, "Hủy do nhập sai"));
        var text = Encoding.UTF8.GetString(signed).Replace("Hủy do nhập sai", "Hủy do nhập SAI", StringComparison.Ordinal);
        var changed = MessageValidator.Validate(Encoding.UTF8.GetBytes(text));
        Assert.Contains(changed.Findings, f => f.Code == ErrorCodes.SignatureInvalid);
    }

    [Fact]
    public void A_303_without_a_reason_is_3001_located_at_the_invoice()
    {
        var invoices = Invoices(2);
        var bytes = MessageWriter.Write(SampleErroneousNoticeBuilder.Build(
            [new(invoices[0], SampleErroneousNoticeBuilder.Correction.Cancel), new(invoices[1], SampleErroneousNoticeBuilder.Correction.Cancel, null)]));
        var result = MessageValidator.Validate(bytes, new ValidationOptions { CheckSignatures = false });
        var finding = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal(ErrorCodes.SchemaViolation, finding.Code);
        Assert.StartsWith("/TDiep/DLieu/TBao/DLTBao/DSHDon/HDon[2]", finding.Path);
        Assert.True(finding.Line > 0 && finding.Column > 0);
    }

    [Fact]
    public void A_303_with_an_unknown_action_is_3001_at_TCTBao()
    {
        var invoices = Invoices(1);
        var notice = SampleErroneousNoticeBuilder.Build([new(invoices[0], SampleErroneousNoticeBuilder.Correction.Cancel)]);
        notice.Invoices[0].Action = 7;
        var result = MessageValidator.Validate(MessageWriter.Write(notice), new ValidationOptions { CheckSignatures = false });
        var finding = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal("/TDiep/DLieu/TBao/DLTBao/DSHDon/HDon[1]/TCTBao", finding.Path);
    }

    [Fact]
    public void A_signed_301_is_valid_and_its_reasons_read_back()
    {
        var authority = TestCertificates.CreateSelfSigned("Tổng cục Thuế (mô phỏng)", null,
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var reply = SampleMessages.ErroneousReply();
        reply.SignaturesXml = null;
        var doc = SafeXml.LoadDocument(MessageWriter.Write(reply));
        XmlSigner.SignNotice(doc, authority, SigningTime);
        var bytes = SafeXml.ToBytes(doc);

        var result = MessageValidator.Validate(bytes);
        Assert.True(result.IsValid, string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Path} {f.Message}")));
        var read = MessageReader.Read<ErroneousInvoiceReply>(bytes);
        Assert.Equal(reply.Invoices.Count, read.Invoices.Count);
        Assert.Equal(reply.Invoices.Select(i => i.Accepted), read.Invoices.Select(i => i.Accepted));
    }

    [Fact]
    public void Random_303s_round_trip_and_pass_their_schema()
    {
        var invoices = Invoices(6);
        var entries =
            from count in Gen.Choose(1, 6)
            from actions in Gen.Choose(1, 4).ListOf(count)
            from reasons in Gen.Elements("Hủy do nhập sai", "Điều chỉnh giảm giá", "Thay thế do sai tên người mua", "Giải trình <&> \"x\"")
                .ListOf(count)
            select actions.Select((a, i) => new SampleErroneousNoticeBuilder.Entry(invoices[i], (SampleErroneousNoticeBuilder.Correction)a, reasons[i]))
                .ToList();
        Prop.ForAll(Arb.From(entries), list =>
        {
            var first = MessageWriter.Write(SampleErroneousNoticeBuilder.Build(list, messageGuid: Guid.Empty));
            var read = MessageReader.Read<ErroneousInvoiceNotice>(first);
            var second = MessageWriter.Write(read);
            var valid = MessageValidator.Validate(first, new ValidationOptions { CheckSignatures = false }).IsValid;
            return valid && first.AsSpan().SequenceEqual(second)
                && read.Invoices.Select(i => i.Action).SequenceEqual(list.Select(e => (int?)e.What))
                && read.Invoices.Select(i => i.Reason).SequenceEqual(list.Select(e => e.Reason));
        }).QuickCheckThrowOnFailure();
    }
}

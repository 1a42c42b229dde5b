using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Einvoice.Xml;
using static ConformanceKit.Einvoice.Samples.SampleErroneousNoticeBuilder;

namespace ConformanceKit.TaxAuthoritySim.Tests.Support;

/// <summary>Corrections for the tests: single-invoice 206s, replacements and adjustments of them, 303s and their 301s.</summary>
public static class Corrections
{
    /// <summary>A signed one-invoice VAT package; <paramref name="relatedTo"/> with <paramref name="kind"/> 1 replaces it, 2 adjusts it.</summary>
    public static byte[] Invoice(CashRegisterInvoice? relatedTo = null, int kind = 0, string? mst = null, string? block = null,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null) =>
        Packages.Signed(Packages.Options(invoices: 1, mst: mst, block: block) with { SalesInvoiceEvery = 0 }, change: p =>
        {
            if (relatedTo is not null) p.Invoices[0].General.RelatedInvoice = RelatedTo(relatedTo, kind);
        }, certificate: certificate);

    public static CashRegisterInvoice Of(byte[] package, int index = 0) => Packages.Read(package).Invoices[index];

    public static RelatedInvoice RelatedTo(CashRegisterInvoice invoice, int kind) => new()
    {
        Kind = kind,
        RelatedKind = 1,
        FormNumber = invoice.General.FormNumber,
        Series = invoice.General.Series,
        Number = invoice.General.Number,
        IssueDate = invoice.General.IssueDate,
        Note = kind == 1 ? "Thay thế hóa đơn" : "Điều chỉnh hóa đơn",
    };

    /// <summary>A signed 303 of the demo shop; <paramref name="change"/> edits the model before signing.</summary>
    public static byte[] Notice(IReadOnlyList<Entry> entries, Action<ErroneousInvoiceNotice>? change = null)
    {
        var notice = Build(entries);
        change?.Invoke(notice);
        return SampleErroneousNoticeBuilder.Sign(MessageWriter.Write(notice), Packages.DemoCertificate, Packages.SigningTime);
    }

    /// <summary>Posts a 206 and asserts it was stored (204 LTBao 2).</summary>
    public static async Task<byte[]> StoredAsync(this HttpClient tvan, byte[] package)
    {
        Assert.Equal(0, (await tvan.PostMessageAsync(package)).Ack!.Status);
        var notice = await tvan.NoticeAsync(Packages.IdOf(package));
        Assert.True(notice.Kind == 2, string.Join("; ", (notice.Errors ?? []).Select(e => e.Code + " " + e.Text)));
        return package;
    }

    /// <summary>Posts a 206 and returns its 204's codes (empty when stored).</summary>
    public static async Task<IReadOnlyList<string>> CodesAsync(this HttpClient tvan, byte[] package)
    {
        Assert.Equal(0, (await tvan.PostMessageAsync(package)).Ack!.Status);
        return (await tvan.NoticeAsync(Packages.IdOf(package))).Codes();
    }

    /// <summary>Posts a 303 (999 TTTNhan 0 expected at once) and returns its 301, checked signed and schema-valid.</summary>
    public static async Task<ErroneousInvoiceReply> ReplyAsync(this HttpClient tvan, byte[] notice)
    {
        var posted = await tvan.PostMessageAsync(notice);
        Assert.Equal(0, posted.Ack!.Status);
        var bytes = await tvan.WaitForAsync(Packages.IdOf(notice), "301");
        Assert.True(XmlSignatureVerifier.VerifyNotice(SafeXml.LoadDocument(bytes)).IsValid);
        var valid = MessageValidator.Validate(bytes);
        Assert.True(valid.IsValid, string.Join("; ", valid.Findings.Select(f => $"{f.Code} {f.Path} {f.Message}")));
        var reply = MessageReader.Read<ErroneousInvoiceReply>(bytes);
        Assert.Equal(Packages.IdOf(notice), reply.TransactionId);
        Assert.Equal(Packages.IdOf(notice), reply.Header.ReplyToId);
        return reply;
    }

    /// <summary>The reason codes of the 301's n-th invoice (empty when accepted).</summary>
    public static IReadOnlyList<string> CodesOf(this ErroneousInvoiceReply reply, int index) =>
        [.. (reply.Invoices[index].Reasons ?? []).Select(r => r.Code!).Distinct()];
}

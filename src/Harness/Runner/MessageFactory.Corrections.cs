using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Harness.Runner;

/// <summary>Corrections: replacement and adjustment invoices (TTHDLQuan) and the seller's 303 about invoices sent earlier.</summary>
public sealed partial class MessageFactory
{
    /// <summary>Fills TTHDLQuan of the package's invoices the case says replace or adjust another invoice.</summary>
    private void Relate(InvoicePackage built, IReadOnlyList<RelationSpec> relations)
    {
        foreach (var r in relations)
        {
            var target = r.Of is null ? Invoice(built, r.Target, "this package") : InvoiceOf(r.Of, r.Target);
            var t = target.General;
            Invoice(built, r.Invoice, "this package").General.RelatedInvoice = new RelatedInvoice
            {
                Kind = r.Kind == "replace" ? 1 : 2, RelatedKind = 1, FormNumber = t.FormNumber, Series = t.Series, Number = t.Number,
                IssueDate = t.IssueDate, Note = r.Kind == "replace" ? "Thay thế hóa đơn lập sai" : "Điều chỉnh hóa đơn lập sai",
            };
        }
    }

    /// <summary>A 303 of the seller about invoices of packages sent earlier, signed by the seller (unless signer is none).</summary>
    public SentMessage Notice(NoticeSpec spec, string tvan, string apiKey)
    {
        var mst = spec.Taxpayer ?? session.Catalogue.Setup.MainTaxpayer;
        var entries = spec.Entries.Select(e => new SampleErroneousNoticeBuilder.Entry(InvoiceOf(e.Of, e.Invoice), Action(e.Action), e.Reason)).ToList();
        var notice = SampleErroneousNoticeBuilder.Build(entries, mst, session.TaxpayerName(mst), tvan, session.IssueDate);
        string Expand(string text) => session.Expand(text, mst, "");
        var body = Mutations.Apply(MessageWriter.Write(notice), spec.Mutations.Where(m => m.Stage == "unsigned"), Expand);
        if (spec.Signer == "taxpayer") body = SampleErroneousNoticeBuilder.Sign(body, session.CertificateFor(mst), session.SigningTime);
        body = Mutations.Apply(body, spec.Mutations.Where(m => m.Stage == "signed"), Expand);
        return new SentMessage
        {
            Body = body, MessageId = notice.Header.MessageId, ApiKey = apiKey, TvanCode = tvan, TaxCode = mst,
            InvoiceCodes = [.. entries.Select(e => e.Invoice.Code!)],
        };
    }

    private CashRegisterInvoice InvoiceOf(string alias, int index) =>
        sent.TryGetValue(alias, out var m) && m.Built is { } built
            ? Invoice(built, index, $"'{alias}'")
            : throw new MutationException($"'{alias}' is not a package sent earlier in the case");

    private static CashRegisterInvoice Invoice(InvoicePackage built, int index, string where) =>
        index >= 1 && index <= built.Invoices.Count ? built.Invoices[index - 1]
            : throw new MutationException($"{where} has no invoice {index} (it has {built.Invoices.Count})");

    private static SampleErroneousNoticeBuilder.Correction Action(string action) => action switch
    {
        "cancel" => SampleErroneousNoticeBuilder.Correction.Cancel,
        "adjust" => SampleErroneousNoticeBuilder.Correction.Adjust,
        "replace" => SampleErroneousNoticeBuilder.Correction.Replace,
        "explain" => SampleErroneousNoticeBuilder.Correction.Explain,
        _ => throw new MutationException($"unknown notice action '{action}'"),
    };
}

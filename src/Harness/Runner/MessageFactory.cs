using System.Text;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Harness.Runner;

/// <summary>Makes the messages a case sends: valid 206 packages for the seed's taxpayers, spoiled by the case's mutations; 100 registrations; raw bytes.</summary>
public sealed partial class MessageFactory(SessionContext session, IReadOnlyDictionary<string, SentMessage> sent)
{
    public SentMessage Package(PackageSpec spec, string tvan, string apiKey, SamplePackageOptions? reuse = null)
    {
        var mst = spec.Taxpayer ?? session.Catalogue.Setup.MainTaxpayer;
        var block = spec.Block is { } b ? session.Expand(b, mst, "") : session.FirstBlock(mst);
        var options = reuse ?? new SamplePackageOptions
        {
            Invoices = spec.Invoices,
            TaxCode = mst,
            SellerName = session.TaxpayerName(mst),
            SenderCode = tvan,
            CodeBlock = block,
            IssueDate = session.IssueDate,
            FirstSerial = session.NextSerials(spec.Invoices),
            MessageGuid = Guid.NewGuid(),
            SalesInvoiceEvery = spec.Form switch { 1 => 0, 2 => 1, _ => 4 },
            Seed = Random.Shared.Next(),
        };
        var built = SamplePackageBuilder.Build(options);
        Relate(built, spec.Related);
        string Expand(string text) => session.Expand(text, mst, block);
        byte[] body;
        if (spec.Shape is { } name && ProductionShapes.Named(name) is { } shape)
        {
            // A production sender's shape: its model edits, then the case's unsigned mutations, signed in its layout.
            shape.Model?.Invoke(built);
            body = shape.Sign(built, session.CertificateFor(mst), session.SigningTime,
                bytes => Mutations.Apply(bytes, spec.Mutations.Where(m => m.Stage == "unsigned"), Expand));
        }
        else
        {
            body = Mutations.Apply(MessageWriter.Write(built), spec.Mutations.Where(m => m.Stage == "unsigned"), Expand);
            body = Sign(body, spec.Signer, mst);
        }
        body = Mutations.Apply(body, spec.Mutations.Where(m => m.Stage == "signed"), Expand);
        return new SentMessage
        {
            Body = body, MessageId = built.Header.MessageId, ApiKey = apiKey, TvanCode = tvan, TaxCode = mst,
            InvoiceCodes = [.. built.Invoices.Select(i => i.Code!)], Package = spec, Options = options, Built = built,
        };
    }

    /// <summary>The same package again under its MTDiep with other invoices (fresh codes): 1008.</summary>
    public SentMessage SameIdOtherContent(SentMessage earlier) =>
        Package(earlier.Package!, earlier.TvanCode, earlier.ApiKey, earlier.Options! with { FirstSerial = session.NextSerials(earlier.Options!.Invoices), Seed = earlier.Options.Seed + 1 });

    /// <summary>The same invoices under a new MTDiep.</summary>
    public SentMessage SameInvoicesNewId(SentMessage earlier) =>
        Package(earlier.Package!, earlier.TvanCode, earlier.ApiKey, earlier.Options! with { MessageGuid = Guid.NewGuid() });

    /// <summary>The same invoices with the case's mutations undone, signed by the taxpayer, under a new MTDiep.</summary>
    public SentMessage FixedNewId(SentMessage earlier) =>
        Package(earlier.Package! with { Signer = "taxpayer", Mutations = [] }, earlier.TvanCode, earlier.ApiKey, earlier.Options! with { MessageGuid = Guid.NewGuid() });

    public SentMessage Registration(RegistrationSpec spec, string tvan, string apiKey)
    {
        var form = SampleRegistrationBuilder.Build(spec.Taxpayer, tvan, spec.CashRegister ? 1 : 0);
        var body = SampleRegistrationBuilder.Write(form, session.CertificateFor(spec.Taxpayer), session.SigningTime);
        return new SentMessage { Body = body, MessageId = form.Header.MessageId, ApiKey = apiKey, TvanCode = tvan, TaxCode = spec.Taxpayer };
    }

    public static SentMessage Raw(RawSpec spec, string tvan, string apiKey)
    {
        byte[] body;
        if (spec.Bytes is { } n)
        {
            body = new byte[n];
            Array.Fill(body, (byte)' ');
        }
        else body = Encoding.UTF8.GetBytes(spec.Text ?? "");
        return new SentMessage { Body = body, ApiKey = apiKey, TvanCode = tvan };
    }

    private byte[] Sign(byte[] body, string signer, string mst)
    {
        if (signer == "none") return body;
        var (certificate, at) = signer switch
        {
            "taxpayer" => (session.CertificateFor(mst), session.SigningTime),
            "expired" => (session.ExpiredCertificateFor(mst), session.SigningTime),
            "expired-now" => (session.ExpiredSinceCertificateFor(mst), session.SigningTime.AddDays(-10)),
            _ when signer.StartsWith("mst:", StringComparison.Ordinal) => (session.CertificateFor(signer[4..]), session.SigningTime),
            _ => throw new MutationException($"unknown signer '{signer}'"),
        };
        return SamplePackageBuilder.Sign(body, certificate, at);
    }
}

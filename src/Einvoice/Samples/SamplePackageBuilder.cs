using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Samples;

/// <summary>
/// Builds realistic, internally consistent 206 packages (totals add up, words match, codes from the
/// taxpayer's block) for samples, tests and load generation.
/// </summary>
public static class SamplePackageBuilder
{
    private static readonly (string Name, string Unit, decimal Price)[] Catalogue =
    [
        ("Cà phê sữa đá", "Ly", 29_000m), ("Bánh mì thịt", "Ổ", 25_000m), ("Nước suối 500ml", "Chai", 8_000m),
        ("Phở bò tái", "Tô", 55_000m), ("Trà đào cam sả", "Ly", 45_000m), ("Gạo ST25", "Kg", 38_500m),
        ("Sữa tươi 1L", "Hộp", 36_000m), ("Khăn giấy", "Gói", 12_000m), ("Dầu ăn 1L", "Chai", 52_000m),
    ];

    private static readonly string[] Rates = ["10%", "8%", "5%", "0%", "KCT"];

    public static InvoicePackage Build(SamplePackageOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Invoices, 1);
        var random = new Random(options.Seed);
        var package = new InvoicePackage
        {
            Header = new MessageHeader
            {
                Version = "2.1.0",
                SenderCode = options.SenderCode,
                ReceiverCode = "TCT",
                MessageType = "206",
                MessageId = MessageId.New(options.SenderCode, options.MessageGuid).Value,
                TaxCode = options.TaxCode,
                Count = options.Invoices,
            },
            DataId = "DLieu",
        };
        for (var i = 0; i < options.Invoices; i++)
        {
            var form = options.SalesInvoiceEvery > 0 && (i + 1) % options.SalesInvoiceEvery == 0 ? 2 : 1;
            package.Invoices.Add(Invoice(options, form, options.FirstSerial + i, random));
        }
        return package;
    }

    /// <summary>The package as signed bytes, ready to post.</summary>
    public static byte[] BuildSigned(SamplePackageOptions options, X509Certificate2 certificate, DateTime signingTime) =>
        Sign(MessageWriter.Write(Build(options)), certificate, signingTime);

    /// <summary>Signs 206 bytes (seller signature in CKSNNT over DLieu and its SigningTime).</summary>
    public static byte[] Sign(byte[] package, X509Certificate2 certificate, DateTime signingTime) =>
        Sign(package, certificate, signingTime, SignatureLayout.Standard);

    /// <summary>Signs 206 bytes in a production sender's <paramref name="layout"/>.</summary>
    public static byte[] Sign(byte[] package, X509Certificate2 certificate, DateTime signingTime, SignatureLayout layout)
    {
        var doc = SafeXml.LoadDocument(package);
        using var rsa = certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("the certificate has no RSA private key", nameof(certificate));
        XmlSigner.SignPackage(doc, certificate, rsa, signingTime, layout);
        return SafeXml.ToBytes(doc);
    }

    /// <summary>A certificate for the sample taxpayer, valid around the sample dates.</summary>
    public static X509Certificate2 CreateCertificate(string taxCode = DemoData.TaxCode, string name = DemoData.SellerName) =>
        TestCertificates.CreateSelfSigned(name, taxCode,
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)),
            new DateTimeOffset(2030, 12, 31, 0, 0, 0, TimeSpan.FromHours(7)));

    private static CashRegisterInvoice Invoice(SamplePackageOptions o, int form, long serial, Random random)
    {
        var year = o.IssueDate.Year % 100;
        var lines = new List<InvoiceLine>();
        var count = random.Next(1, 5);
        for (var n = 1; n <= count; n++)
        {
            var (name, unit, price) = Catalogue[random.Next(Catalogue.Length)];
            var qty = (decimal)random.Next(1, 6);
            lines.Add(new InvoiceLine
            {
                Kind = 1, LineNumber = n, ItemCode = $"SP{random.Next(100, 999)}", ItemName = name, Unit = unit,
                Quantity = qty, UnitPrice = price, Amount = qty * price,
                VatRate = form == 1 ? Rates[random.Next(Rates.Length)] : null,
            });
        }
        return new CashRegisterInvoice
        {
            InvoiceDataId = $"HD{serial:D11}",
            General = new InvoiceHeader
            {
                Version = "2.1.0",
                Name = form == 1 ? "Hóa đơn giá trị gia tăng" : "Hóa đơn bán hàng",
                FormNumber = form.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Series = $"C{year:D2}M{o.SeriesSeller}",
                Number = (serial % 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                IssueDate = o.IssueDate,
                Currency = "VND",
                ExchangeRate = 1m,
                PaymentMethod = "TM/CK",
            },
            Seller = new Party { Name = o.SellerName, TaxCode = o.TaxCode, Address = DemoData.SellerAddress },
            Lines = lines,
            Totals = form == 1 ? VatTotals(lines) : SalesTotals(lines),
            Code = CashRegisterCode.Create(form, year, o.CodeBlock, serial).Value,
        };
    }

    private static InvoiceTotals VatTotals(List<InvoiceLine> lines)
    {
        var byRate = lines.GroupBy(l => l.VatRate!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var amount = g.Sum(l => l.Amount!.Value);
            var pct = VatRate.Parse(g.Key).Percent;
            return new RateTotal
            {
                VatRate = g.Key, Amount = amount,
                Tax = pct is { } p ? Math.Round(amount * p / 100m, 0, MidpointRounding.AwayFromZero) : null,
            };
        }).ToList();
        var before = byRate.Sum(r => r.Amount!.Value);
        var tax = byRate.Sum(r => r.Tax ?? 0m);
        return new InvoiceTotals
        {
            RateTotals = byRate, TotalBeforeTax = before, TotalTax = tax, TotalTradeDiscount = 0m,
            TotalPayable = before + tax, TotalPayableInWords = VietnameseAmountInWords.ToWords((long)(before + tax)),
        };
    }

    private static InvoiceTotals SalesTotals(List<InvoiceLine> lines)
    {
        var total = lines.Sum(l => l.Amount!.Value);
        return new InvoiceTotals { TotalPayable = total, TotalPayableInWords = VietnameseAmountInWords.ToWords((long)total) };
    }
}

using System.Text;
using System.Xml;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Einvoice.Tests.Model;

/// <summary>Random 206 packages: write → read → write must be byte-identical.</summary>
public class PackagePropertyTests
{
    private const string Alphabet =
        "abcxyzABCXYZ0189 -_/.,:;()" +
        "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĂÂĐÊÔƠƯẤỆỮ" +
        "<>&\"'\t\n\r]€𝄞";

    private static readonly Gen<string> Text =
        Gen.Sized(size => Gen.Choose(0, Math.Min(size, 24)))
           .SelectMany(n => Gen.Elements(TextElements()).ListOf(n))
           .Select(parts => string.Concat(parts));

    // Whole text elements, so a surrogate pair is never split.
    private static string[] TextElements()
    {
        var list = new List<string>();
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(Alphabet);
        while (e.MoveNext()) list.Add(e.GetTextElement());
        list.Add("\r\n");
        list.Add("]]>");
        return [.. list];
    }

    private static readonly Gen<string?> OptText = Gen.Frequency((1, Gen.Constant<string?>(null)), (3, Text.Select(s => (string?)s)));

    /// <summary>Up to 18 significant digits and a scale of 0..6 (fits n(21,6)), trailing zeros kept.</summary>
    private static readonly Gen<decimal?> OptDecimal =
        from isNull in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        from hi in Gen.Choose(0, 999_999_999)
        from lo in Gen.Choose(0, 999_999_999)
        from scale in Gen.Choose(0, 6)
        from negative in Gen.Elements(true, false)
        select isNull ? (decimal?)null : Scaled((long)hi * 1_000_000_000L + lo, scale, negative);

    /// <summary>mantissa × 10^-scale, e.g. (840000, 1) → 84000.0: decimal's own scale keeps the zeros.</summary>
    private static decimal Scaled(long mantissa, int scale, bool negative) =>
        new((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, negative, (byte)scale);

    private static readonly Gen<int?> OptInt = Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(0, 9999).Select(i => (int?)i)));

    private static readonly Gen<DateOnly?> OptDate = Gen.Frequency(
        (1, Gen.Constant<DateOnly?>(null)),
        (3, Gen.Choose(0, 20000).Select(d => (DateOnly?)new DateOnly(2000, 1, 1).AddDays(d))));

    private static readonly Gen<List<ExtraField>?> OptExtraFields =
        Gen.Frequency(
            (1, Gen.Constant<List<ExtraField>?>(null)),
            (1, Gen.Constant<List<ExtraField>?>([])),
            (2, (from f in OptText from t in Gen.Elements("string", "numeric", "date", "dateTime") from v in OptText
                 select new ExtraField { Field = f, DataType = t, Value = v }).ListOf().Select(l => (List<ExtraField>?)l.ToList())));

    private static readonly Gen<Party> Parties =
        from name in OptText
        from mst in Gen.Elements<string?>("0106324653", "0106324653-001", null, "")
        from address in OptText
        from phone in OptText
        from email in OptText
        from buyerName in OptText
        from personalId in OptText
        from store in OptText
        from extra in OptExtraFields
        select new Party { Name = name, TaxCode = mst, Address = address, Phone = phone, Email = email, BuyerPersonName = buyerName, PersonalId = personalId, StoreName = store, ExtraFields = extra };

    private static readonly Gen<InvoiceLine> Lines =
        from kind in Gen.Choose(1, 5)
        from number in OptInt
        from name in Text
        from unit in OptText
        from quantity in OptDecimal
        from price in OptDecimal
        from rate in OptDecimal
        from discount in OptDecimal
        from amount in OptDecimal
        from vat in Gen.Elements<string?>("0%", "5%", "8%", "10%", "KCT", "KKKNT", "KHAC:5.26", null)
        from specific in Gen.Frequency((3, Gen.Constant<List<SpecificInfo>?>(null)),
            (1, (from f in Text from v in Text select new SpecificInfo { Kind = "1", Field = f, Value = v }).NonEmptyListOf().Select(l => (List<SpecificInfo>?)l.ToList())))
        from extra in OptExtraFields
        select new InvoiceLine
        {
            Kind = kind, LineNumber = number, ItemName = name, Unit = unit, Quantity = quantity, UnitPrice = price,
            DiscountRate = rate, DiscountAmount = discount, Amount = amount, VatRate = vat, SpecificInfo = specific, ExtraFields = extra,
        };

    private static readonly Gen<InvoiceTotals> Totals =
        from rates in Gen.Frequency((1, Gen.Constant<List<RateTotal>?>(null)),
            (2, (from r in Gen.Elements("8%", "10%") from a in OptDecimal from t in OptDecimal select new RateTotal { VatRate = r, Amount = a, Tax = t })
                .ListOf().Select(l => (List<RateTotal>?)l.ToList())))
        from before in OptDecimal
        from tax in OptDecimal
        from fees in Gen.Frequency((2, Gen.Constant<List<OtherFee>?>(null)),
            (1, (from n in OptText from a in OptDecimal select new OtherFee { Name = n, Amount = a }).ListOf().Select(l => (List<OtherFee>?)l.ToList())))
        from discount in OptDecimal
        from payable in OptDecimal
        from words in OptText
        from extra in OptExtraFields
        select new InvoiceTotals { RateTotals = rates, TotalBeforeTax = before, TotalTax = tax, OtherFees = fees, TotalTradeDiscount = discount, TotalPayable = payable, TotalPayableInWords = words, ExtraFields = extra };

    private static readonly Gen<InvoiceHeader> Headers =
        from name in OptText
        from form in Gen.Elements<string?>("1", "2", null)
        from series in Gen.Elements<string?>("C25MAA", "K25MYY", null)
        from number in Gen.Choose(1, 99999999).Select(n => n.ToString("D" + (n % 9)))
        from date in OptDate
        from currency in OptText
        from exchange in OptDecimal
        from payment in OptText
        from lease in Gen.Elements<int?>(0, 1, null)
        from related in Gen.Frequency((3, Gen.Constant<RelatedInvoice?>(null)),
            (1, from k in Gen.Elements<int?>(1, 2) from d in OptDate from note in OptText select (RelatedInvoice?)new RelatedInvoice { Kind = k, RelatedKind = 1, Series = "C25MAA", Number = "1", IssueDate = d, Note = note }))
        from extra in OptExtraFields
        select new InvoiceHeader
        {
            Version = "2.1.0", Name = name, FormNumber = form, Series = series, Number = number, IssueDate = date, Currency = currency,
            ExchangeRate = exchange, PaymentMethod = payment, FinanceLease = lease, RelatedInvoice = related, ExtraFields = extra,
        };

    private static string Escape(string s) => System.Security.SecurityElement.Escape(s).Replace("\r", "&#13;");

    private static readonly Gen<CashRegisterInvoice> Invoices =
        from general in Headers
        from seller in Parties
        from buyer in Gen.Frequency((1, Gen.Constant<Party?>(null)), (2, Parties.Select(p => (Party?)p)))
        from lines in Lines.NonEmptyListOf()
        from totals in Totals
        from extra in OptExtraFields
        from qr in OptText
        from code in Gen.Elements<string?>("M1-25-A1B2C-00000000014", "M2-25-ZZZZZ-12345678901", null)
        from signature in Gen.Frequency((2, Gen.Constant<string?>(null)), (1, Gen.Constant<string?>("")),
            (1, Text.Select(t => (string?)$"<NBan/><CQT><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignatureValue a='{Escape(t)}'>{Escape(t)}</SignatureValue></Signature></CQT>")))
        select new CashRegisterInvoice
        {
            InvoiceDataId = code is null ? null : "inv-" + code, General = general, Seller = seller, Buyer = buyer, Lines = lines.ToList(),
            Totals = totals, ExtraFields = extra, QrCode = qr, Code = code, SignaturesXml = signature,
        };

    private static readonly Gen<InvoicePackage> Packages =
        from invoices in Invoices.NonEmptyListOf().Select(l => l.Take(4).ToList())
        from dataId in OptText
        from signature in Gen.Elements<string?>(null, "", "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/>")
        select new InvoicePackage
        {
            Header = new MessageHeader { Version = "2.1.0", SenderCode = "V0309478306", ReceiverCode = "TCT", MessageId = "V0309478306" + Guid.NewGuid().ToString("N").ToUpperInvariant(), TaxCode = "0106324653", Count = invoices.Count },
            DataId = dataId,
            Invoices = invoices,
            SellerSignatureXml = signature,
        };

    [Fact]
    public void Random_packages_round_trip_byte_for_byte()
    {
        Prop.ForAll(Arb.From(Packages), package =>
        {
            var first = MessageWriter.Write(package);
            var read = MessageReader.Read<InvoicePackage>(first);
            var second = MessageWriter.Write(read);
            return first.AsSpan().SequenceEqual(second)
                && read.Invoices.Count == package.Invoices.Count
                && read.SellerSignatureXml == package.SellerSignatureXml;
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>Damaged bytes: the reader either copes or throws one of the two documented exceptions.</summary>
    [Fact]
    public void Damaged_messages_only_raise_documented_exceptions()
    {
        var original = MessageWriter.Write(SampleMessages.Package());
        var damage =
            from position in Gen.Choose(0, original.Length - 1)
            from kind in Gen.Choose(0, 2)
            from value in Gen.Elements((byte)'<', (byte)'>', (byte)'/', (byte)'&', (byte)'a', (byte)'9', (byte)'"', (byte)0xC3, (byte)0x00, (byte)' ')
            select (position, kind, value);

        var property = Prop.ForAll(Arb.From(damage.ListOf().Select(l => l.Take(3).ToList())), edits =>
        {
            var bytes = new List<byte>(original);
            foreach (var (position, kind, value) in edits)
            {
                var at = Math.Min(position, bytes.Count - 1);
                if (kind == 0) bytes[at] = value;
                else if (kind == 1) bytes.Insert(at, value);
                else bytes.RemoveAt(at);
            }
            try
            {
                MessageReader.Read(bytes.ToArray());
                return true;
            }
            catch (Exception e) when (e is MessageFormatException or XmlException)
            {
                return true;
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}

using System.Text;
using ConformanceKit.Einvoice.Validation;
using FsCheck;
using FsCheck.Fluent;
using static ConformanceKit.Einvoice.Tests.Validation.ValidatorFixtures;

namespace ConformanceKit.Einvoice.Tests.Validation;

/// <summary>
/// Whatever the bytes, the validator answers with findings and never throws; and a package broken in
/// a way one rule forbids draws that rule's code, on the invoice that broke it.
/// </summary>
public class ValidatorPropertyTests
{
    private static readonly byte[] Valid = Serialization.MessageWriter.Write(Package(3));

    private static readonly string[] Injections =
    [
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;", "<HDon>", "</DLieu>", "\u0000", "<![CDATA[x]]>",
        "<MCCQT>M1-25-A1B2C-00000000001</MCCQT>", "<?pi x?>", "&#xFFFF;", "<SLuong>-1</SLuong>", "]]>", "<ds:Signature/>",
    ];

    [Fact]
    public void Mutated_packages_never_throw_and_invalid_ones_say_why()
    {
        var gen =
            from op in Gen.Choose(0, 4)
            from at in Gen.Choose(0, Valid.Length - 1)
            from len in Gen.Choose(1, 200)
            from b in Gen.Choose(0, 255)
            from inj in Gen.Elements(Injections)
            select (op, at, len, (byte)b, inj);

        Codes.Props.ForAll(gen, 300, m =>
        {
            var bytes = Mutate(m.op, m.at, m.len, m.Item4, m.inj);
            var result = MessageValidator.Validate(bytes, NoSignatures);
            // Any verdict is fine; an error must carry a known code and a message.
            return result.Findings.All(f => f.Code.Length == 4 && f.Message.Length > 0);
        });
    }

    /// <summary>A rule-breaking edit of invoice <c>i</c>; returns the 0-based invoice the finding must name, or null.</summary>
    private sealed record RuleBreak(string Name, string Code, Func<ConformanceKit.Einvoice.Model.InvoicePackage, int, int, int?> Apply);

    private const int Invoices = 4;

    private static readonly RuleBreak[] Breaks =
    [
        new("VAT rate outside the list", "3001", (p, i, _) => { p.Invoices[i].Lines[0].VatRate = "7%"; return i; }),
        new("buyer MST check digit", "3001", (p, i, _) => { p.Invoices[i].Buyer = new ConformanceKit.Einvoice.Model.Party { TaxCode = "0106322456" }; return i; }),
        new("seller MST is not the envelope's", "3002", (p, i, _) => { p.Invoices[i].Seller.TaxCode = "0100109106"; return i; }),
        new("series is not a cash-register series", "3003", (p, i, _) => { p.Invoices[i].General.Series = "C25TAA"; return i; }),
        new("SLuong does not count the invoices", "6001", (p, _, k) => { p.Header.Count = Invoices + 1 + k; return null; }),
        new("a code repeated in the package", "7006", (p, i, k) =>
        {
            // Two invoices of the same form (a code's type must match KHMSHDon, or 7004 joins in).
            var pairs = (from a in Enumerable.Range(0, Invoices) from b in Enumerable.Range(0, Invoices)
                         where a != b && p.Invoices[a].General.FormNumber == p.Invoices[b].General.FormNumber
                         orderby Math.Abs(a - i), a, b select (a, b)).ToList();
            Assert.NotEmpty(pairs);
            var (target, other) = pairs[k % Math.Min(pairs.Count, 2)];
            p.Invoices[target].Code = p.Invoices[other].Code;
            i = target;
            return Math.Max(i, other);   // the later of the two is the repeat
        }),
        new("issue year is not the code's", "7003", (p, i, _) =>
        {
            p.Invoices[i].General.IssueDate = p.Invoices[i].General.IssueDate!.Value.AddYears(-2);
            return i;
        }),
    ];

    [Fact]
    public void A_package_breaking_one_rule_draws_that_rules_code_on_that_invoice()
    {
        var gen =
            from rule in Gen.Choose(0, Breaks.Length - 1)
            from invoice in Gen.Choose(0, Invoices - 1)
            from k in Gen.Choose(0, 50)
            select (rule, invoice, k);

        Codes.Props.ForAll(gen, 150, m =>
        {
            var rule = Breaks[m.rule];
            var package = Package(Invoices);
            var expectedInvoice = rule.Apply(package, m.invoice, m.k);
            var errors = Validate(package).Findings.Where(f => f.IsError).ToList();
            var hit = errors.Where(f => f.Code == rule.Code).ToList();
            Assert.True(hit.Count > 0, $"{rule.Name}: expected {rule.Code}, got " + string.Join(", ", errors.Select(f => f.Code)));
            if (expectedInvoice is { } at)
                Assert.Contains(hit, f => f.InvoiceIndex == at + 1);
            // Nothing else: the edit breaks one rule only.
            Assert.All(errors, f => Assert.Equal(rule.Code, f.Code));
            return true;
        });
    }

    private static byte[] Mutate(int op, int at, int len, byte b, string injection)
    {
        var bytes = Valid.ToList();
        len = Math.Min(len, bytes.Count - at);
        switch (op)
        {
            case 0: bytes.RemoveRange(at, len); break;                       // drop
            case 1: bytes.InsertRange(at, bytes.GetRange(at, len)); break;  // duplicate
            case 2: bytes[at] = b; break;                                    // retype one byte
            case 3: bytes.RemoveRange(at, bytes.Count - at); break;          // truncate
            default: bytes.InsertRange(at, Encoding.UTF8.GetBytes(injection)); break; // inject
        }
        return [.. bytes];
    }
}

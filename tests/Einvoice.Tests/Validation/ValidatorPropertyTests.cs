using System.Text;
using ConformanceKit.Einvoice.Validation;
using FsCheck;
using FsCheck.Fluent;
using static ConformanceKit.Einvoice.Tests.Validation.ValidatorFixtures;

namespace ConformanceKit.Einvoice.Tests.Validation;

/// <summary>Whatever the bytes, the validator answers with findings and never throws.</summary>
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

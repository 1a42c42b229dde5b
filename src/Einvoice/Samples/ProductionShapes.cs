using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;

namespace ConformanceKit.Einvoice.Samples;

/// <summary>
/// One shape real cash-register traffic has, as public integration code of Vietnamese vendors shows
/// it (docs/compatibility.md): how to turn a clean package into that shape, and what the kit says of it.
/// </summary>
/// <param name="Name">Stable name, used by samples and conformance cases ("shape": "web-pos").</param>
/// <param name="Description">What the shape is, in one sentence.</param>
/// <param name="Warnings">Advisory codes the shape draws (never an error).</param>
/// <param name="Model">Edits the package model before it is written.</param>
/// <param name="Unsigned">Edits the written bytes before signing.</param>
/// <param name="Layout">The signature layout, from the MTDiep; null = the kit's own.</param>
/// <param name="Signed">Edits the signed bytes where the signature does not look (quotes, the declaration).</param>
public sealed record ProductionShape(
    string Name,
    string Description,
    IReadOnlyList<string> Warnings,
    Action<InvoicePackage>? Model = null,
    Func<byte[], byte[]>? Unsigned = null,
    Func<string, SignatureLayout>? Layout = null,
    Func<byte[], byte[]>? Signed = null)
{
    /// <summary>A signed package in this shape.</summary>
    public byte[] Build(SamplePackageOptions options, X509Certificate2 certificate, DateTime signingTime,
        Action<InvoicePackage>? alsoModel = null, Func<byte[], byte[]>? alsoUnsigned = null)
    {
        var package = SamplePackageBuilder.Build(options);
        Model?.Invoke(package);
        alsoModel?.Invoke(package);
        return Sign(package, certificate, signingTime, alsoUnsigned);
    }

    /// <summary>Writes and signs <paramref name="package"/> (already in this shape's model form) in this shape.</summary>
    public byte[] Sign(InvoicePackage package, X509Certificate2 certificate, DateTime signingTime, Func<byte[], byte[]>? alsoUnsigned = null)
    {
        var bytes = MessageWriter.Write(package);
        if (Unsigned is not null) bytes = Unsigned(bytes);
        if (alsoUnsigned is not null) bytes = alsoUnsigned(bytes);
        var layout = Layout?.Invoke(package.Header.MessageId!) ?? SignatureLayout.Standard;
        var signed = SamplePackageBuilder.Sign(bytes, certificate, signingTime, layout);
        return Signed is null ? signed : Signed(signed);
    }
}

/// <summary>The shapes seen in production (formats.md, "What production senders emit"), by name.</summary>
public static partial class ProductionShapes
{
    /// <summary>
    /// A sender built from object templates: an empty MTDTChieu in the envelope, DLieu Id "_" + MTDiep,
    /// signature "CKSNNT-" + MTDiep with SignatureProperties in no namespace.
    /// </summary>
    public static readonly ProductionShape TemplateSender = new(
        "template-sender",
        "empty MTDTChieu in the envelope, DLieu Id \"_\" + MTDiep, signature Id \"CKSNNT-\" + MTDiep, SigningTime object \"Obj-CKSNNT-\" + MTDiep with SignatureProperties in no namespace",
        ["W006", "W007"],
        Model: p => p.DataId = "_" + p.Header.MessageId,
        Unsigned: EmptyReplyTo,
        Layout: SignatureLayout.TemplateSender);

    /// <summary>A web POS: a retail buyer whose fields are all empty, TTin items in TTChung, empty DSCKS/NBan.</summary>
    public static readonly ProductionShape WebPos = new(
        "web-pos",
        "a retail buyer whose Ten, MST, DChi, SDThoai, CCCDan and TTKhac are all empty, TTKhac/TTin items (PortalLink, DVTTe, TGia, HTTToan, MSTTCGP) in the invoice's TTChung, an empty DSCKS/NBan in every HDon",
        ["W006"],
        Model: p =>
        {
            foreach (var invoice in p.Invoices)
            {
                invoice.Buyer = new Party { Name = "", TaxCode = "", Address = "", Phone = "", PersonalId = "", ExtraFields = [] };
                invoice.General.ExtraFields =
                [
                    Field("PortalLink", "string", "https://hoadon.example.vn/tra-cuu"),
                    Field("DVTTe", "string", "VND"),
                    Field("TGia", "numeric", "1"),
                    Field("HTTToan", "string", "TM/CK"),
                    Field("MSTTCGP", "string", "0100109106"),
                ];
                invoice.SignaturesXml = "<NBan></NBan>";
            }
        });

    /// <summary>DLieu Id a UUID that starts with a digit (not an XML name).</summary>
    public static readonly ProductionShape UuidDataId = new(
        "uuid-data-id",
        "DLieu Id is a UUID starting with a digit, which is not an XML name",
        [],
        Model: p => p.DataId = "3f5c2a8e-1b4d-4e6f-9a0b-7c8d9e0f1a2b");

    /// <summary>standalone="yes", attributes in single quotes, PBan 2.0.0 in the envelope.</summary>
    public static readonly ProductionShape Declaration = new(
        "declaration",
        "<?xml … standalone=\"yes\"?>, attributes in single quotes, PBan 2.0.0 in the envelope",
        [],
        Model: p => p.Header.Version = "2.0.0",
        // After signing: C14N ignores quotes and the declaration, and re-serialising would undo them.
        Signed: StandaloneSingleQuoted);

    /// <summary>THDon names of the cash-register forms ("… khởi tạo từ máy tính tiền").</summary>
    public static readonly ProductionShape FormNames = new(
        "form-names",
        "THDon names the cash-register form: \"Hóa đơn giá trị gia tăng khởi tạo từ máy tính tiền\" (1), \"Hóa đơn bán hàng khởi tạo từ máy tính tiền\" (2)",
        [],
        Model: p =>
        {
            foreach (var invoice in p.Invoices)
                invoice.General.Name = invoice.General.FormNumber == "1"
                    ? "Hóa đơn giá trị gia tăng khởi tạo từ máy tính tiền"
                    : "Hóa đơn bán hàng khởi tạo từ máy tính tiền";
        });

    /// <summary>Seller and buyer e-mail, bank account and fax in NBan/TTKhac and NMua/TTKhac.</summary>
    public static readonly ProductionShape PartyExtras = new(
        "party-extras",
        "seller and buyer e-mail, bank account and fax in NBan/TTKhac and NMua/TTKhac instead of their own elements",
        [],
        Model: p =>
        {
            foreach (var invoice in p.Invoices)
            {
                invoice.Seller.ExtraFields =
                [
                    Field("Email", "string", "ketoan@cuahang.example.vn"),
                    Field("SoTaiKhoan", "string", "0011004455667"),
                    Field("Fax", "string", "024 3826 0000"),
                ];
                invoice.Buyer ??= new Party { Name = "Nguyễn Văn An" };
                invoice.Buyer.ExtraFields = [Field("Email", "string", "an.nguyen@example.vn")];
            }
        });

    public static IReadOnlyList<ProductionShape> All { get; } =
        [TemplateSender, WebPos, UuidDataId, Declaration, FormNames, PartyExtras];

    public static ProductionShape? Named(string name) => All.FirstOrDefault(s => s.Name == name);

    private static ExtraField Field(string name, string kind, string value) => new() { Field = name, DataType = kind, Value = value };

    private static byte[] EmptyReplyTo(byte[] bytes) =>
        Edit(bytes, text => InsertOnce(text, "</MTDiep>", "</MTDiep><MTDTChieu></MTDTChieu>"));

    [GeneratedRegex("""^<\?xml[^>]*\?>""")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("""(\s[A-Za-z:]+)="([^"<>']*)"(?=[^<>]*>)""")]
    private static partial Regex DoubleQuotedAttribute();

    private static byte[] StandaloneSingleQuoted(byte[] bytes) => Edit(bytes, text =>
    {
        var body = XmlDeclaration().Replace(text, "");
        body = DoubleQuotedAttribute().Replace(body, "$1='$2'");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + body;
    });

    private static string InsertOnce(string text, string after, string replacement)
    {
        var at = text.IndexOf(after, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"'{after}' not found");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + after.Length));
    }

    private static byte[] Edit(byte[] bytes, Func<string, string> edit) => Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(bytes)));
}

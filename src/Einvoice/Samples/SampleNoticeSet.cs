using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using static ConformanceKit.Einvoice.Samples.SampleErroneousNoticeBuilder;

namespace ConformanceKit.Einvoice.Samples;

/// <summary>
/// The 303 samples (Form 04/SS-HĐĐT) beside the 206 ones: about the invoices of 206-valid, so posting 206-valid then
/// 303-valid to a fresh simulator gets a 301 accepting both entries (docs/corrections.md).
/// </summary>
public static class SampleNoticeSet
{
    private const string List = "/TDiep/DLieu/TBao/DLTBao/DSHDon/HDon";

    /// <summary>A 303 sample: the entries' edit of the model before signing, an edit of the signed bytes, and its findings.</summary>
    public sealed record Variant(string Name, string Description, IReadOnlyList<ExpectedFinding> Expected,
        Action<ErroneousInvoiceNotice>? MutateModel = null, Func<byte[], byte[]>? MutateSigned = null)
    {
        public bool IsValid => Expected.All(f => f.Code.StartsWith('W'));
    }

    private static readonly Guid MessageGuid = new("3c9d2e7a-51f4-4b0e-8d26-7f1a0c4e9b35");

    public static IReadOnlyList<Variant> All { get; } =
    [
        new("303-valid", "a signed Form 04/SS-HĐĐT cancelling invoice 1 and explaining invoice 2 of 206-valid", []),
        new("303-3001-no-reason", "invoice 2 of the notice gives no reason (LDo)",
            [new("3001", $"{List}[2]")], MutateModel: n => n.Invoices[1].Reason = null),
        new("303-4002-tampered", "the reason of invoice 1 was changed after signing",
            [new("4002", "/TDiep/DLieu/TBao/DSCKS/NNT/Signature")],
            MutateSigned: b => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace("<LDo>Hủy", "<LDo>Xóa", StringComparison.Ordinal))),
    ];

    public static byte[] Build(Variant variant, X509Certificate2 certificate)
    {
        var invoices = SamplePackageBuilder.Build(SampleSetBuilder.BaseOptions).Invoices;
        var notice = SampleErroneousNoticeBuilder.Build(
            [
                new Entry(invoices[0], Correction.Cancel, "Hủy do nhập sai đơn giá"),
                new Entry(invoices[1], Correction.Explain, "Giải trình: tên hàng viết tắt"),
            ],
            noticeDate: new DateOnly(2025, 6, 16), messageGuid: MessageGuid);
        variant.MutateModel?.Invoke(notice);
        var bytes = Sign(MessageWriter.Write(notice), certificate, SampleSetBuilder.SigningTime.AddDays(1));
        return variant.MutateSigned is { } edit ? edit(bytes) : bytes;
    }
}

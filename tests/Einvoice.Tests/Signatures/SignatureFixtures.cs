using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>Shared inputs: the real 202 sample, hand-built 206/204 messages, fixed-time certificates.</summary>
internal static class SignatureFixtures
{
    public const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    public const string SellerMst = "0106324653";
    public static readonly DateTime SigningTime = new(2025, 7, 1, 9, 30, 15, DateTimeKind.Unspecified);

    private static readonly Lazy<X509Certificate2> SellerCert = new(() => TestCertificates.CreateSelfSigned(
        "Cửa hàng Thử Nghiệm", SellerMst,
        new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    private static readonly Lazy<X509Certificate2> AuthorityCert = new(() => TestCertificates.CreateSelfSigned(
        "Tổng cục Thuế Thử", null,
        new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    public static X509Certificate2 Seller => SellerCert.Value;
    public static X509Certificate2 Authority => AuthorityCert.Value;

    public static string RealSampleText() => File.ReadAllText(RepoPaths.RealSample202, Encoding.UTF8);

    public static XmlDocument Load(string xml) => SafeXml.LoadDocument(Encoding.UTF8.GetBytes(xml));

    /// <summary>Applies a one-place edit that must match exactly once.</summary>
    public static string ReplaceOnce(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not found");
        Assert.True(text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"'{from}' found more than once");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    public static string Package206(string? dlieuId = "DL1") =>
        "<TDiep><TTChung><PBan>2.0.1</PBan><MNGui>V0309478306</MNGui><MNNhan>TCT</MNNhan><MLTDiep>206</MLTDiep>" +
        "<MTDiep>V03094783060123456789ABCDEF0123456789ABCDEF</MTDiep><MST>0106324653</MST><SLuong>1</SLuong></TTChung>" +
        (dlieuId is null ? "<DLieu>" : $"<DLieu Id=\"{dlieuId}\">") +
        "<HDon><DLHDon Id=\"HD1\"><TTChung><PBan>2.0.1</PBan><THDon>Hóa đơn giá trị gia tăng</THDon><KHMSHDon>1</KHMSHDon>" +
        "<KHHDon>C25MAA</KHHDon><SHDon>1</SHDon><NLap>2025-07-01</NLap></TTChung><NDHDon><NBan><Ten>Cửa hàng Thử Nghiệm</Ten>" +
        "<MST>0106324653</MST><DChi>114 phố Đội Cấn, Hà Nội</DChi></NBan><NMua/><DSHHDVu><HHDVu><TChat>1</TChat>" +
        "<THHDVu>Cà phê &amp; bánh</THHDVu><DVTinh>Ly</DVTinh><SLuong>2</SLuong><DGia>25000</DGia><ThTien>50000</ThTien>" +
        "<TSuat>8%</TSuat></HHDVu></DSHHDVu><TToan><TgTCThue>50000</TgTCThue><TgTThue>4000</TgTThue><TgTTTBSo>54000</TgTTTBSo>" +
        "<TgTTTBChu>Năm mươi tư nghìn đồng.</TgTTTBChu></TToan></NDHDon></DLHDon><MCCQT>M1-25-ABCDE-00000000001</MCCQT>" +
        "</HDon></DLieu></TDiep>";

    public static string Notice204() =>
        "<TDiep><TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>204</MLTDiep>" +
        "<MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep><MTDTChieu>V03094783060123456789ABCDEF0123456789ABCDEF</MTDTChieu>" +
        "<MST>0106324653</MST><SLuong>1</SLuong></TTChung><DLieu><TBao><DLTBao Id=\"TB1\"><PBan>2.0.1</PBan><MSo>01/TB-KTDL</MSo>" +
        "<Ten>Thông báo về việc kết quả kiểm tra dữ liệu hóa đơn điện tử</Ten><So>TB-1</So><DDanh>Hà Nội</DDanh>" +
        "<NTBao>2025-07-01</NTBao><MST>0106324653</MST><TNNT>Cửa hàng Thử Nghiệm</TNNT><LTBao>2</LTBao>" +
        "<CCu>Thông điệp 206</CCu></DLTBao></TBao></DLieu></TDiep>";

    /// <summary>A 206 signed with <see cref="Seller"/>, round-tripped through bytes like a received message.</summary>
    public static XmlDocument SignedPackage()
    {
        var doc = Load(Package206());
        XmlSigner.SignPackage(doc, Seller, SigningTime);
        return SafeXml.LoadDocument(SafeXml.ToBytes(doc));
    }

    public static XmlDocument SignedNotice()
    {
        var doc = Load(Notice204());
        XmlSigner.SignNotice(doc, Authority, SigningTime);
        return SafeXml.LoadDocument(SafeXml.ToBytes(doc));
    }

    public static string Text(XmlDocument doc) => Encoding.UTF8.GetString(SafeXml.ToBytes(doc));

    public static string AllProblems(SignatureCheck check) => string.Join(" | ", check.Problems);
}

using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.TaxAuthoritySim.Notices;

/// <summary>
/// What each error code says to the taxpayer (MTLoi / MTa) and what to do about it (HDXLy), in
/// Vietnamese as the real portal writes them. The English detail of a finding follows after " / ".
/// </summary>
public static class ErrorCatalog
{
    public sealed record Entry(string Text, string Action);

    private static readonly Dictionary<string, Entry> Entries = new()
    {
        ["1001"] = new("Thông điệp không đúng định dạng XML, không phải UTF-8 hoặc có khai báo DTD",
            "Gửi lại thông điệp XML hợp lệ, mã hóa UTF-8, không có DOCTYPE"),
        ["1002"] = new("Dung lượng thông điệp vượt quá 2 MB", "Chia nhỏ gói dữ liệu và gửi lại"),
        ["1003"] = new("Thông tin chung của thông điệp (TTChung) thiếu hoặc không hợp lệ", "Kiểm tra các trường TTChung và gửi lại"),
        ["1004"] = new("Mã thông điệp (MTDiep) không đúng định dạng hoặc không bắt đầu bằng mã nơi gửi", "Tạo MTDiep = MNGui + 32 ký tự hexa in hoa và gửi lại"),
        ["1005"] = new("Mã nơi nhận (MNNhan) không phải TCT", "Đặt MNNhan là TCT và gửi lại"),
        ["1006"] = new("Mã nơi gửi (MNGui) không khớp với tổ chức đã xác thực", "Dùng đúng mã tổ chức truyền nhận tương ứng với khóa API"),
        ["1007"] = new("Loại thông điệp không được hỗ trợ", "Gửi thông điệp thuộc loại được hỗ trợ (100, 206, 303)"),
        ["1008"] = new("Mã thông điệp đã được sử dụng cho nội dung khác", "Tạo mã thông điệp mới cho nội dung mới"),
        ["2001"] = new("Mã số thuế không tồn tại", "Kiểm tra lại mã số thuế người bán"),
        ["2002"] = new("Mã số thuế không ở trạng thái hoạt động", "Liên hệ cơ quan thuế quản lý để kiểm tra trạng thái mã số thuế"),
        ["2003"] = new("Người nộp thuế thuộc trường hợp ngừng sử dụng hóa đơn điện tử", "Liên hệ cơ quan thuế quản lý"),
        ["2004"] = new("Người nộp thuế chưa được chấp nhận đăng ký sử dụng hóa đơn điện tử khởi tạo từ máy tính tiền",
            "Đăng ký sử dụng hóa đơn khởi tạo từ máy tính tiền (Mẫu 01/ĐKTĐ-HĐĐT) trước khi gửi dữ liệu"),
        ["3001"] = new("Dữ liệu không đúng định dạng chuẩn", "Sửa trường dữ liệu theo định dạng chuẩn và gửi lại"),
        ["3002"] = new("Mã số thuế trên thông điệp khác mã số thuế người bán trên hóa đơn", "Mỗi gói chỉ chứa hóa đơn của một người bán"),
        ["3003"] = new("Hóa đơn không phải hóa đơn khởi tạo từ máy tính tiền", "Ký hiệu hóa đơn phải có ký tự thứ tư là M"),
        ["4001"] = new("Không có chữ ký số của người nộp thuế trên gói dữ liệu", "Ký số gói dữ liệu và gửi lại"),
        ["4002"] = new("Chữ ký số không hợp lệ", "Ký lại gói dữ liệu, không sửa nội dung sau khi ký"),
        ["4003"] = new("Chứng thư số không phải của người nộp thuế hoặc chưa đăng ký với cơ quan thuế",
            "Ký bằng chứng thư số của người nộp thuế đã đăng ký (Mẫu 01/ĐKTĐ-HĐĐT)"),
        ["4004"] = new("Chứng thư số không còn hiệu lực tại thời điểm ký", "Gia hạn chứng thư số và ký lại"),
        ["5001"] = new("Tổ chức truyền nhận chưa có hợp đồng với cơ quan thuế", "Liên hệ tổ chức cung cấp dịch vụ"),
        ["5002"] = new("Hợp đồng của tổ chức truyền nhận đã hết hạn hoặc bị tạm dừng", "Liên hệ tổ chức cung cấp dịch vụ"),
        ["6001"] = new("Số lượng hóa đơn trong gói khác số lượng khai báo (SLuong)", "Khai báo đúng số lượng hóa đơn và gửi lại"),
        ["7001"] = new("Mã của cơ quan thuế trên hóa đơn khởi tạo từ máy tính tiền không đúng cấu trúc", "Sinh mã theo cấu trúc M<loại>-<năm>-<5 ký tự>-<11 chữ số>"),
        ["7002"] = new("Chuỗi 5 ký tự của mã (C5–C9) không được cơ quan thuế cấp cho người nộp thuế", "Dùng chuỗi ký tự cơ quan thuế đã cấp"),
        ["7003"] = new("Năm trên mã (C3C4) khác năm lập hóa đơn", "Sinh mã với năm lập hóa đơn"),
        ["7004"] = new("Loại hóa đơn trên mã (C2) khác ký hiệu mẫu số hóa đơn", "Sinh mã với loại hóa đơn đúng ký hiệu mẫu số"),
        ["7005"] = new("Mã hóa đơn đã được gửi trước đó", "Không gửi lại hóa đơn đã được chấp nhận; hóa đơn mới phải có mã mới"),
        ["7006"] = new("Mã hóa đơn bị trùng trong gói dữ liệu", "Mỗi hóa đơn phải có mã riêng"),
        // Monthly Step 2 (302, Mẫu 01/TB-RSĐT): findings over last month's stored invoices; the taxpayer explains them.
        ["8001"] = new("Ngày lập hóa đơn nằm ngoài thời gian được chấp nhận sử dụng hóa đơn khởi tạo từ máy tính tiền",
            "Giải trình với cơ quan thuế; chỉ lập hóa đơn từ ngày được chấp nhận đăng ký"),
        ["8002"] = new("Ký hiệu mẫu số hóa đơn không thuộc loại hóa đơn đã đăng ký sử dụng",
            "Giải trình với cơ quan thuế; đăng ký thay đổi thông tin (Mẫu 01/ĐKTĐ-HĐĐT) trước khi sử dụng loại hóa đơn này"),
        ["8003"] = new("Số hóa đơn bị trùng trong cùng ký hiệu mẫu số và ký hiệu hóa đơn",
            "Giải trình với cơ quan thuế; mỗi hóa đơn trong cùng ký hiệu phải có số riêng"),
        ["8004"] = new("Hóa đơn thay thế cho hóa đơn đã bị hủy, đã được điều chỉnh hoặc thay thế, hoặc là hóa đơn điều chỉnh",
            "Giải trình với cơ quan thuế; chỉ thay thế hóa đơn chưa bị hủy, điều chỉnh hay thay thế"),
        ["8005"] = new("Hóa đơn điều chỉnh cho hóa đơn đã bị hủy hoặc thay thế, hoặc là hóa đơn thay thế hay điều chỉnh",
            "Giải trình với cơ quan thuế; chỉ điều chỉnh hóa đơn gốc chưa bị hủy hay thay thế"),
        ["8006"] = new("Hóa đơn đã hủy nhưng không có thông báo hóa đơn điện tử có sai sót (Mẫu 04/SS-HĐĐT) và lý do",
            "Gửi Mẫu 04/SS-HĐĐT nêu lý do hủy hóa đơn"),
        // Step 1 chain rules of a replacement or adjustment invoice (204): our codes, contract.md gives none.
        ["9001"] = new("Hóa đơn thay thế cho hóa đơn đã bị hủy, đã được điều chỉnh hoặc thay thế, hoặc là hóa đơn điều chỉnh",
            "Chỉ thay thế hóa đơn chưa bị hủy, chưa được điều chỉnh hay thay thế; kiểm tra thông tin hóa đơn liên quan (TTHDLQuan)"),
        ["9002"] = new("Hóa đơn điều chỉnh cho hóa đơn đã bị hủy hoặc thay thế, hoặc là hóa đơn thay thế hay điều chỉnh",
            "Chỉ điều chỉnh hóa đơn gốc chưa bị hủy hay thay thế; kiểm tra thông tin hóa đơn liên quan (TTHDLQuan)"),
        // Reply to a Form 04/SS-HĐĐT (301, Mẫu 01/TB-HĐSS): why an invoice of the notice is not accepted.
        ["9101"] = new("Hóa đơn không tồn tại trên hệ thống của cơ quan thuế", "Kiểm tra mã của cơ quan thuế (MCCQT) của hóa đơn"),
        ["9102"] = new("Hóa đơn không thuộc người nộp thuế gửi thông báo", "Chỉ thông báo sai sót cho hóa đơn do mình lập"),
        ["9103"] = new("Hóa đơn đã bị hủy trước đó", "Không gửi lại thông báo hủy cho hóa đơn đã hủy"),
        ["9104"] = new("Hóa đơn không được hủy, điều chỉnh hoặc thay thế theo quy định về hóa đơn liên quan",
            "Kiểm tra trạng thái hóa đơn (đã hủy, đã thay thế, đã điều chỉnh) trước khi thông báo"),
        ["9105"] = new("Không có lý do sai sót (LDo)", "Nêu lý do cho từng hóa đơn trong Mẫu 04/SS-HĐĐT"),
        ["9106"] = new("Thông tin hóa đơn không khớp với hóa đơn cơ quan thuế đã lưu",
            "Ghi đúng ký hiệu mẫu số, ký hiệu, số và ngày của hóa đơn"),
    };

    public static Entry For(string code) =>
        Entries.TryGetValue(code, out var e) ? e : new Entry("Lỗi " + code, "Kiểm tra lại dữ liệu");

    public static IReadOnlyCollection<string> Codes => Entries.Keys;

    /// <summary>
    /// Vietnamese text, then " / " and the English detail, cut to the field's 255 characters. The detail
    /// may quote hostile input (a parser names the bad character), so it is made printable first.
    /// </summary>
    public static string Describe(string code, string? detail) =>
        Fit(detail is { Length: > 0 } ? For(code).Text + " / " + PrintableText.Of(detail) : For(code).Text);

    public static string Fit(string s, int max = 255) => s.Length <= max ? s : s[..(max - 1)] + "…";
}

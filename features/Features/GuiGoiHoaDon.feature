# language: vi
Tính năng: Gửi gói hóa đơn khởi tạo từ máy tính tiền
  T-VAN chuyển gói hóa đơn đã ký của cửa hàng (thông điệp 206) đến cơ quan thuế.
  Cơ quan thuế xác nhận đã nhận (999), kiểm tra dữ liệu và trả thông báo (204, Mẫu 01/TB-KTDL).

  Kịch bản: Gói hợp lệ được tiếp nhận
    Cho một gói đã ký gồm 2 hóa đơn hợp lệ
    Khi T-VAN gửi gói
    Thì cơ quan thuế xác nhận đã nhận gói
    Và thông báo kiểm tra dữ liệu cho biết gói hợp lệ
    Và người mua tra cứu được mọi hóa đơn của gói

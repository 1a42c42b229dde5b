# language: vi
@pipeline @reference-provider
Tính năng: Máy tính tiền kết nối với nhà cung cấp qua tệp và bảng trung gian
  Máy tính tiền của cửa hàng chuyển các lần bán cho nhà cung cấp bằng tệp bán hàng đặt vào thư mục mà nhà cung cấp
  theo dõi, hoặc bằng các dòng ghi vào bảng trung gian mà nhà cung cấp đọc định kỳ. Mỗi lần bán thành một hóa đơn có
  mã từ dải mã của người bán và được cơ quan thuế lưu. Lần bán có lỗi dữ liệu được báo rõ vị trí, và không có gì của
  nó được lập hay gửi đi.

  Quy tắc: Tệp bán hàng được nhận trọn vẹn, hoặc không được nhận

    Kịch bản: Các lần bán trong một tệp nhận mã liên tiếp
      Cho cửa hàng đặt tệp bán hàng vào thư mục của nhà cung cấp
      Khi cửa hàng đặt một tệp gồm 3 lần bán
      Thì mỗi hóa đơn có mã riêng, số liên tục không thiếu
      Và nhà cung cấp báo mọi hóa đơn đã được cơ quan thuế chấp nhận
      Và cơ quan thuế lưu mọi hóa đơn

    @control-plane
    Kịch bản: Tệp có lỗi dữ liệu được báo rõ vị trí, không có gì được lập hay gửi đi
      Cho cửa hàng đặt tệp bán hàng vào thư mục của nhà cung cấp
      Khi cửa hàng đặt một tệp gồm 3 lần bán, lần thứ hai có thuế suất "9%"
      Thì tệp bị từ chối với lỗi ghi rõ tên tệp, dòng 3 và cột "vat_rate"
      Và nhà cung cấp không lập hóa đơn nào
      Và cơ quan thuế không nhận được gói hóa đơn nào

  Quy tắc: Lần bán ghi vào bảng trung gian được đọc, và kết quả được ghi lại vào dòng đó

    Kịch bản: Dòng bán hàng được lập hóa đơn, mã được ghi lại và hóa đơn được lưu
      Cho cửa hàng ghi bán hàng vào bảng trung gian
      Khi thu ngân bán cho khách hai ly cà phê sữa đá
      Thì dòng bán hàng được đánh dấu đã lập kèm mã hóa đơn
      Và nhà cung cấp báo mọi hóa đơn đã được cơ quan thuế chấp nhận
      Và người mua tra cứu được hóa đơn tại cơ quan thuế bằng mã và tổng tiền

    @control-plane
    Kịch bản: Dòng có lỗi được đánh dấu lỗi, không gửi gì
      Cho cửa hàng ghi bán hàng vào bảng trung gian
      Khi máy tính tiền ghi một lần bán có dòng hàng thuế suất "9%"
      Thì dòng bán hàng được đánh dấu lỗi, ghi rõ dòng 1 và cột "vat_rate"
      Và nhà cung cấp không lập hóa đơn nào
      Và cơ quan thuế không nhận được gói hóa đơn nào

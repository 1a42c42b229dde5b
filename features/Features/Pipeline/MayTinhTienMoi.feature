# language: vi
@pipeline @reference-provider @in-process
Tính năng: Máy tính tiền mới
  Trước lần bán đầu tiên, máy tính tiền mới được đăng ký với cơ quan thuế qua T-VAN (Mẫu 01/ĐKTĐ-HĐĐT): cơ quan thuế
  xác nhận đã nhận, chấp nhận và cấp một dải mã riêng. Hóa đơn của máy đó mang mã từ dải mã này và được cơ quan thuế
  lưu. Việc đăng ký thay đổi tình trạng của người bán tại cơ quan thuế, nên kịch bản cần cơ quan thuế riêng.

  Quy tắc: Máy tính tiền bán hàng với dải mã cơ quan thuế đã cấp cho nó

    Kịch bản: Cửa hàng đăng ký máy tính tiền mới trước lần bán đầu tiên
      Khi cửa hàng đăng ký máy tính tiền mới với cơ quan thuế
      Thì cơ quan thuế xác nhận đã nhận và chấp nhận máy tính tiền với dải mã mới
      Khi máy tính tiền mới được cài đặt với dải mã đó
      Và thu ngân bán cho khách hai ly cà phê sữa đá
      Thì hóa đơn mang mã đầu tiên của dải mã mới
      Và nhà cung cấp báo mọi hóa đơn đã được cơ quan thuế chấp nhận
      Và người mua tra cứu được hóa đơn tại cơ quan thuế bằng mã và tổng tiền

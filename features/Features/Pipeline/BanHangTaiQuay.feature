# language: vi
@pipeline
Tính năng: Bán hàng tại quầy
  Thu ngân bán hàng; nhà cung cấp lập hóa đơn khởi tạo từ máy tính tiền với mã từ dải mã của người bán, đóng gói,
  ký và gửi cơ quan thuế; cơ quan thuế kiểm tra và lưu hóa đơn; người mua tra cứu bằng thông tin trên hóa đơn.

  Quy tắc: Mỗi lần bán thành một hóa đơn được cơ quan thuế lưu

    Kịch bản: Người mua nhận hóa đơn có mã của cơ quan thuế
      Khi thu ngân bán cho khách hai ly cà phê sữa đá
      Thì hóa đơn của khách mang mã từ dải mã của cửa hàng
      Và tổng tiền thanh toán trên hóa đơn là 63800 đồng
      Và nhà cung cấp báo mọi hóa đơn đã được cơ quan thuế chấp nhận
      Và người mua tra cứu được hóa đơn tại cơ quan thuế bằng mã và tổng tiền

    @browser
    Kịch bản: Người mua tra cứu hóa đơn trên trang của cơ quan thuế
      Khi thu ngân bán:
        | item         | unit | quantity | price | VAT |
        | Bánh mì thịt | Ổ    | 2        | 25000 | 8%  |
      Thì người mua tra cứu được hóa đơn trên trang tra cứu của cơ quan thuế

  Quy tắc: Mỗi lần bán có đúng một hóa đơn, số liên tục

    Kịch bản: Các hóa đơn trong ngày được đánh số liên tục
      Khi thu ngân bán 3 lần
      Thì mỗi hóa đơn có mã riêng, số liên tục không thiếu
      Và cơ quan thuế lưu mọi hóa đơn

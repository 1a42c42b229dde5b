# language: vi
@pipeline @corrections
Tính năng: Sửa hóa đơn đã gửi (điều chỉnh, thay thế, hủy)
  Cửa hàng nào cũng có lúc nhầm: khách trả lại hàng, thu ngân gõ sai giá, người mua cần hóa đơn đứng tên công ty,
  một lần bán bị nhập nhầm. Hóa đơn đã ở cơ quan thuế nên cửa hàng không sửa nó: cửa hàng đề nghị nhà cung cấp lập
  hóa đơn điều chỉnh, hóa đơn thay thế kèm Mẫu 04/SS-HĐĐT, hoặc gửi Mẫu 04/SS-HĐĐT hủy hóa đơn. Cơ quan thuế liên kết
  hóa đơn mới với hóa đơn cũ, và người mua tra cứu hóa đơn cũ thấy nó đã ra sao. Việc sửa mà quy định không cho phép
  bị từ chối trước khi gửi bất cứ gì, và cửa hàng được báo lý do.

  Quy tắc: Hàng trả lại hay giá sai được sửa bằng hóa đơn điều chỉnh

    Kịch bản: Khách trả lại một món của hóa đơn đã thanh toán
      Cho cửa hàng gửi hóa đơn qua API của nhà cung cấp
      Và thu ngân đã bán cho khách hai ly cà phê sữa đá, được cơ quan thuế chấp nhận
      Khi khách trả lại một ly cà phê sữa đá
      Thì nhà cung cấp lập hóa đơn điều chỉnh -31900 đồng cho hóa đơn đó
      Và cơ quan thuế chấp nhận hóa đơn điều chỉnh
      Và người mua tra cứu hóa đơn đó tại cơ quan thuế thấy đã được điều chỉnh bởi hóa đơn mới

    Kịch bản: Thu ngân gõ sai đơn giá
      Cho cửa hàng gửi hóa đơn qua API của nhà cung cấp
      Và thu ngân đã bán cho khách hai ly cà phê sữa đá, được cơ quan thuế chấp nhận
      Khi thu ngân phát hiện đơn giá đúng là 32000 đồng, không phải 29000
      Thì nhà cung cấp lập hóa đơn điều chỉnh 6600 đồng cho hóa đơn đó
      Và cơ quan thuế chấp nhận hóa đơn điều chỉnh

  Quy tắc: Hóa đơn sai toàn bộ được thay thế, và cơ quan thuế được báo bằng Mẫu 04/SS-HĐĐT

    Kịch bản: Người mua đề nghị lập hóa đơn đứng tên công ty
      Cho cửa hàng gửi hóa đơn qua API của nhà cung cấp
      Và thu ngân đã bán cho khách hai ly cà phê sữa đá, được cơ quan thuế chấp nhận
      Khi người mua đề nghị lập hóa đơn đứng tên "Công ty TNHH Minh Anh", mã số thuế "0309478306"
      Thì nhà cung cấp lập hóa đơn thay thế cho hóa đơn đó
      Và cơ quan thuế lưu hóa đơn thay thế đứng tên "Công ty TNHH Minh Anh", mã số thuế "0309478306"
      Và cơ quan thuế chấp nhận Mẫu 04/SS-HĐĐT thay thế hóa đơn đó
      Và người mua tra cứu hóa đơn đó tại cơ quan thuế thấy đã bị thay thế bởi hóa đơn mới

  Quy tắc: Lần bán nhầm được hủy bằng Mẫu 04/SS-HĐĐT

    Kịch bản: Hủy một lần bán nhầm
      Cho cửa hàng gửi hóa đơn qua API của nhà cung cấp
      Và thu ngân đã bán cho khách hai ly cà phê sữa đá, được cơ quan thuế chấp nhận
      Khi cửa hàng hủy hóa đơn vì "Bán nhầm, khách không mua"
      Thì cơ quan thuế chấp nhận Mẫu 04/SS-HĐĐT hủy hóa đơn đó
      Và người mua tra cứu hóa đơn đó tại cơ quan thuế thấy đã bị hủy, với lý do "Bán nhầm, khách không mua"

  Quy tắc: Việc sửa mà quy định không cho phép bị từ chối trước khi gửi, và cửa hàng được báo lý do

    Kịch bản: Không điều chỉnh được hóa đơn đã bị thay thế
      Cho cửa hàng gửi hóa đơn qua API của nhà cung cấp
      Và thu ngân đã bán cho khách hai ly cà phê sữa đá, được cơ quan thuế chấp nhận
      Và người mua đã đề nghị lập hóa đơn đứng tên "Công ty TNHH Minh Anh", mã số thuế "0309478306"
      Khi khách trả lại một ly cà phê sữa đá
      Thì việc sửa hóa đơn bị từ chối vì hóa đơn "is already replaced by"
      Và nhà cung cấp không lập hóa đơn điều chỉnh nào cho hóa đơn đó

  Quy tắc: Tệp bán hàng và bảng trung gian cũng mang được việc sửa hóa đơn

    @reference-provider
    Kịch bản: Khách trả lại hàng, qua tệp bán hàng
      Cho cửa hàng đặt tệp bán hàng vào thư mục của nhà cung cấp
      Và thu ngân đã bán cho khách hai ly cà phê sữa đá, được cơ quan thuế chấp nhận
      Khi khách trả lại một ly cà phê sữa đá
      Thì nhà cung cấp lập hóa đơn điều chỉnh -31900 đồng cho hóa đơn đó
      Và cơ quan thuế chấp nhận hóa đơn điều chỉnh

    @reference-provider
    Kịch bản: Hủy một lần bán nhầm, qua bảng trung gian
      Cho cửa hàng ghi bán hàng vào bảng trung gian
      Và thu ngân đã bán cho khách hai ly cà phê sữa đá, được cơ quan thuế chấp nhận
      Khi cửa hàng hủy hóa đơn vì "Bán nhầm, khách không mua"
      Thì cơ quan thuế chấp nhận Mẫu 04/SS-HĐĐT hủy hóa đơn đó

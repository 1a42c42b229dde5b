# language: vi
@pipeline @reference-provider
Tính năng: Nhà cung cấp gửi khi cửa hàng yêu cầu và vào cuối ngày
  Ở chế độ gửi thủ công, nhà cung cấp lập hóa đơn ngay khi bán nhưng chỉ đóng gói và gửi cơ quan thuế khi cửa hàng
  yêu cầu, và vào giờ cuối ngày thì gửi mọi hóa đơn còn đang chờ. Dữ liệu hóa đơn luôn đến cơ quan thuế trong ngày lập.

  Quy tắc: Không gửi gì cho đến khi cửa hàng yêu cầu, hoặc đến cuối ngày

    Kịch bản: Cửa hàng gửi các hóa đơn đang chờ khi muốn
      Cho nhà cung cấp chỉ gửi khi cửa hàng yêu cầu
      Khi thu ngân bán 3 lần
      Thì nhà cung cấp chưa gửi gói nào
      Và cơ quan thuế chưa có hóa đơn nào trong số đó
      Khi cửa hàng yêu cầu nhà cung cấp gửi những gì đang chờ
      Thì nhà cung cấp đã gửi 1 gói, mỗi gói 3 hóa đơn
      Và nhà cung cấp báo mọi hóa đơn đã được cơ quan thuế chấp nhận
      Và cơ quan thuế lưu mọi hóa đơn

    @control-plane
    Kịch bản: Cuối ngày, mọi hóa đơn đang chờ được gửi đi
      Cho nhà cung cấp chỉ gửi khi cửa hàng yêu cầu, và gửi mọi thứ đang chờ lúc 22:00
      Và lúc 21:30 ở cửa hàng và ở cơ quan thuế
      Khi thu ngân bán 2 lần
      Thì nhà cung cấp chưa gửi gói nào
      Khi đồng hồ của cửa hàng chỉ 21:59:58
      Thì lúc 22:00 theo đồng hồ của cửa hàng, nhà cung cấp gửi 1 gói gồm 2 hóa đơn
      Và nhà cung cấp báo mọi hóa đơn đã được cơ quan thuế chấp nhận
      Và cơ quan thuế lưu mọi hóa đơn

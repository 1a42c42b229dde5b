# language: vi
@adapter
Tính năng: Mẫu tiếng Việt
  Kịch bản: Bộ đếm mẫu
    Cho bộ đếm mẫu bắt đầu từ 2
    Khi bộ đếm mẫu tăng thêm 3
    Thì bộ đếm mẫu là 5
    Và bộ đếm mẫu không âm

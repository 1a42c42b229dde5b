namespace ConformanceKit.Einvoice.Tests.Schemas;

/// <summary>Hand-written messages, one minimal valid document per message type plus a rich 206.</summary>
internal static class SchemaDocs
{
    public const string SellerMst = "0106324653";
    public const string TvanId = "V03094783060123456789ABCDEF0123456789ABCDEF";
    public const string TctId = "TCT0123456789ABCDEF0123456789ABCDEF";
    public const string Sig = """<Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="S1"><SignedInfo><Reference URI="#X"/></SignedInfo><SignatureValue>AA==</SignatureValue></Signature>""";

    public const string Minimal206 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>V0309478306</MNGui><MNNhan>TCT</MNNhan><MLTDiep>206</MLTDiep><MTDiep>V03094783060123456789ABCDEF0123456789ABCDEF</MTDiep><MST>0106324653</MST><SLuong>1</SLuong></TTChung>
          <DLieu Id="DL1">
            <HDon>
              <DLHDon>
                <TTChung><PBan>2.0.1</PBan><KHMSHDon>1</KHMSHDon><KHHDon>C25MAA</KHHDon><SHDon>1</SHDon><NLap>2025-07-01</NLap></TTChung>
                <NDHDon>
                  <NBan><Ten>Cửa hàng A</Ten><MST>0106324653</MST><DChi>1 Phố Huế, Hà Nội</DChi></NBan>
                  <DSHHDVu><HHDVu><TChat>1</TChat><THHDVu>Cà phê sữa</THHDVu></HHDVu></DSHHDVu>
                  <TToan><TgTCThue>30000</TgTCThue><TgTThue>3000</TgTThue><TgTTTBSo>33000</TgTTTBSo><TgTTTBChu>Ba mươi ba nghìn đồng</TgTTTBChu></TToan>
                </NDHDon>
              </DLHDon>
              <MCCQT>M1-25-A1B2C-00000000001</MCCQT>
            </HDon>
          </DLieu>
        </TDiep>
        """;

    /// <summary>Two invoices: a VAT invoice (10 %, 8 %, KCT) and a 2.1.0 form-2 sales invoice without tax totals.</summary>
    public const string Rich206 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <TDiep>
          <TTChung><PBan>2.1.0</PBan><MNGui>V0309478306</MNGui><MNNhan>TCT</MNNhan><MLTDiep>206</MLTDiep><MTDiep>V03094783060123456789ABCDEF0123456789ABCDEF</MTDiep><MST>0106324653</MST><SLuong>2</SLuong></TTChung>
          <DLieu Id="DL-20250701">
            <HDon>
              <DLHDon Id="HD1">
                <TTChung>
                  <PBan>2.0.1</PBan><THDon>Hóa đơn giá trị gia tăng</THDon><KHMSHDon>1</KHMSHDon><KHHDon>C25MAA</KHHDon><SHDon>123</SHDon>
                  <NLap>2025-07-01</NLap><DVTTe>VND</DVTTe><TGia>1</TGia><HTTToan>TM/CK</HTTToan><MSTTCGP>0309478306</MSTTCGP>
                  <TTKhac><TTin><TTruong>QuayThu</TTruong><KDLieu>string</KDLieu><DLieu>Q01</DLieu></TTin><TTin><TTruong>NCDoi</TTruong><KDLieu>string</KDLieu><DLieu/></TTin></TTKhac>
                </TTChung>
                <NDHDon>
                  <NBan><Ten>Cửa hàng A</Ten><MST>0106324653</MST><DChi>1 Phố Huế, Hà Nội</DChi><SDThoai>0241234567</SDThoai><DCTDTu>a@example.test</DCTDTu><STKNHang/><TNHang/><Fax/><Website/></NBan>
                  <NMua><Ten>Công ty B</Ten><MST>0301521415</MST><DChi>2 Lê Lợi, TP HCM</DChi><MKHang/><SDThoai>0281234567</SDThoai><HVTNMHang>Nguyễn Văn C</HVTNMHang></NMua>
                  <DSHHDVu>
                    <HHDVu><TChat>1</TChat><STT>1</STT><MHHDVu>SP01</MHHDVu><THHDVu>Bánh mì</THHDVu><DVTinh>Cái</DVTinh><SLuong>1</SLuong><DGia>100000</DGia><TLCKhau>0</TLCKhau><STCKhau>0</STCKhau><ThTien>100000</ThTien><TSuat>10%</TSuat></HHDVu>
                    <HHDVu><TChat>1</TChat><STT>2</STT><THHDVu>Nước ngọt</THHDVu><DVTinh>Lon</DVTinh><SLuong>2.5</SLuong><DGia>40000.000001</DGia><ThTien>100000</ThTien><TSuat>8%</TSuat></HHDVu>
                    <HHDVu><TChat>1</TChat><STT>3</STT><THHDVu>Sách</THHDVu><DVTinh>Quyển</DVTinh><SLuong>1</SLuong><DGia>50000</DGia><ThTien>50000</ThTien><TSuat>KCT</TSuat>
                      <TTKhac><TTin><TTruong>TThue</TTruong><KDLieu>numeric</KDLieu><DLieu>0</DLieu></TTin></TTKhac></HHDVu>
                    <HHDVu><TChat>4</TChat><THHDVu>Cảm ơn quý khách</THHDVu></HHDVu>
                  </DSHHDVu>
                  <TToan>
                    <THTTLTSuat>
                      <LTSuat><TSuat>10%</TSuat><ThTien>100000</ThTien><TThue>10000</TThue></LTSuat>
                      <LTSuat><TSuat>8%</TSuat><TThue>8000.0</TThue><ThTien>100000</ThTien></LTSuat>
                      <LTSuat><TSuat>KCT</TSuat><ThTien>50000</ThTien></LTSuat>
                    </THTTLTSuat>
                    <TgTCThue>250000</TgTCThue><TgTThue>18000</TgTThue><TTCKTMai>0</TTCKTMai><TgTTTBSo>268000</TgTTTBSo>
                    <TgTTTBChu>Hai trăm sáu mươi tám nghìn đồng</TgTTTBChu>
                  </TToan>
                </NDHDon>
                <TTKhac/>
              </DLHDon>
              <DLQRCode>00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045405268005802VN6304ABCD</DLQRCode>
              <MCCQT Id="MC1">M1-25-A1B2C-00000000123</MCCQT>
              <DSCKS><NBan/><NMua/><CCKSKhac/><CQT/></DSCKS>
            </HDon>
            <HDon>
              <DLHDon Id="HD2">
                <TTChung>
                  <PBan>2.1.0</PBan><THDon>Hóa đơn bán hàng</THDon><KHMSHDon>2</KHMSHDon><KHHDon>C25MBB</KHHDon><SHDon>7</SHDon><NLap>2025-07-01</NLap>
                  <HDCTTChinh>0</HDCTTChinh><SBKe>BK-01</SBKe><NBKe>2025-07-01</NBKe><DVTTe>VND</DVTTe><HTTToan>TM</HTTToan><MSTTCGP>0309478306</MSTTCGP>
                  <TTHDLQuan><TCHDon>1</TCHDon><LHDCLQuan>1</LHDCLQuan><KHMSHDCLQuan>2</KHMSHDCLQuan><KHHDCLQuan>C25MBB</KHHDCLQuan><SHDCLQuan>6</SHDCLQuan><NLHDCLQuan>2025-06-30</NLHDCLQuan><GChu>Thay thế hóa đơn số 6</GChu></TTHDLQuan>
                </TTChung>
                <NDHDon>
                  <NBan><Ten>Hộ kinh doanh A</Ten><MST>0106324653-001</MST><DChi>1 Phố Huế, Hà Nội</DChi><MCHang>CH01</MCHang><TCHang>Cửa hàng số 1</TCHang><DCTDTu>a@example.test</DCTDTu><Website>https://a.example.test</Website></NBan>
                  <NMua><HVTNMHang>Trần Thị D</HVTNMHang><DChi>3 Trần Phú, Đà Nẵng</DChi><CCCDan>001234567890</CCCDan><SHChieu>B1234567</SHChieu><MDVQHNSach>1234567</MDVQHNSach></NMua>
                  <DSHHDVu>
                    <HHDVu><TChat>1</TChat><STT>1</STT><MHHDVu>TP01</MHHDVu><THHDVu>Phở bò</THHDVu><DVTinh>Bát</DVTinh><SLuong>2</SLuong><DGia>50000</DGia><TLCKhau>10</TLCKhau><STCKhau>10000</STCKhau><ThTien>90000</ThTien></HHDVu>
                    <HHDVu><TChat>5</TChat><STT>2</STT><MHHDVu>XD01</MHHDVu><THHDVu>Xăng RON95</THHDVu><DVTinh>Lít</DVTinh><SLuong>10</SLuong><DGia>2000</DGia><ThTien>20000</ThTien>
                      <TTHHDTrung><TTin><LHHDTrung>1</LHHDTrung><TTruong>SoCot</TTruong><DLieu>05</DLieu></TTin></TTHHDTrung></HHDVu>
                  </DSHHDVu>
                  <TToan><TGTKhac>0</TGTKhac><TgTTTBSo>110000</TgTTTBSo><TgTTTBChu>Một trăm mười nghìn đồng</TgTTTBChu></TToan>
                </NDHDon>
              </DLHDon>
              <DLQRCode/>
              <MCCQT>M2-25-A1B2C-00000000007</MCCQT>
            </HDon>
          </DLieu>
          <CKSNNT><Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="NNT"><SignedInfo><Reference URI="#DL-20250701"/></SignedInfo><SignatureValue>AA==</SignatureValue><Object Id="ST"><SignatureProperties><SignatureProperty Target="#NNT"><SigningTime>2025-07-01T21:00:00</SigningTime></SignatureProperty></SignatureProperties></Object></Signature></CKSNNT>
        </TDiep>
        """;

    public const string Minimal999 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>999</MLTDiep><MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep><MTDTChieu>V03094783060123456789ABCDEF0123456789ABCDEF</MTDTChieu></TTChung>
          <DLieu><TBao><MTDiep>V03094783060123456789ABCDEF0123456789ABCDEF</MTDiep><MNGui>V0309478306</MNGui><NNhan>2025-07-01T21:00:05</NNhan><TTTNhan>0</TTTNhan></TBao></DLieu>
        </TDiep>
        """;

    public const string Error999 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>999</MLTDiep><MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep></TTChung>
          <DLieu><TBao><MTDiep>V0309478306-not-an-id</MTDiep><NNhan>2025-07-01T21:00:05+07:00</NNhan><TTTNhan>1</TTTNhan>
            <DSLDo><LDo><MLoi>1004</MLoi><MTa>MTDiep sai định dạng</MTa></LDo><LDo><MLoi>1005</MLoi><MTa>MNNhan không phải TCT</MTa></LDo></DSLDo></TBao></DLieu>
        </TDiep>
        """;

    public const string Minimal204 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>204</MLTDiep><MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep><MTDTChieu>V03094783060123456789ABCDEF0123456789ABCDEF</MTDTChieu><MST>0106324653</MST><SLuong>1</SLuong></TTChung>
          <DLieu><TBao>
            <DLTBao Id="TB1"><PBan>2.0.1</PBan><MSo>01/TB-KTDL</MSo><Ten>Thông báo về việc kết quả kiểm tra dữ liệu hóa đơn điện tử</Ten><So>204/2025/000001</So><DDanh>Hà Nội</DDanh><NTBao>2025-07-01</NTBao><MST>0106324653</MST><TNNT>Cửa hàng A</TNNT><TGGui>2025-07-01T21:05:00</TGGui><LTBao>2</LTBao><CCu>Thông điệp 206</CCu><MGDDTu>V03094783060123456789ABCDEF0123456789ABCDEF</MGDDTu><SLuong>2</SLuong></DLTBao>
            <DSCKS><CQT>{SIG}</CQT></DSCKS>
          </TBao></DLieu>
        </TDiep>
        """;

    public const string Failed204 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>204</MLTDiep><MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep><MTDTChieu>V03094783060123456789ABCDEF0123456789ABCDEF</MTDTChieu><MST>0106324653</MST><SLuong>1</SLuong></TTChung>
          <DLieu><TBao>
            <DLTBao Id="TB1"><PBan>2.0.1</PBan><MSo>01/TB-KTDL</MSo><Ten>Thông báo về việc kết quả kiểm tra dữ liệu hóa đơn điện tử</Ten><So>204/2025/000002</So><DDanh>Hà Nội</DDanh><NTBao>2025-07-01</NTBao><MST>0106324653</MST><TNNT>Cửa hàng A</TNNT><LTBao>7</LTBao><CCu>Thông điệp 206</CCu>
              <LHDMTTien><DSLDo>
                <LDo><STT>1</STT><MLoi>6001</MLoi><MTLoi>Số lượng hóa đơn không khớp SLuong</MTLoi><HDXLy>Gửi lại gói dữ liệu</HDXLy></LDo>
                <LDo><STT>2</STT><MLoi>7002</MLoi><MTLoi>Khối mã không được cấp cho người nộp thuế</MTLoi><HDXLy>Kiểm tra cấu hình máy tính tiền</HDXLy><GChu>HDon 1, MCCQT M1-25-ZZZZZ-00000000001</GChu></LDo>
              </DSLDo></LHDMTTien>
            </DLTBao>
            <DSCKS><CQT/></DSCKS>
          </TBao></DLieu>
        </TDiep>
        """;

    public const string Minimal100 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>V0309478306</MNGui><MNNhan>TCT</MNNhan><MLTDiep>100</MLTDiep><MTDiep>V03094783060123456789ABCDEF0123456789ABCDEF</MTDiep><MST>0106324653</MST><SLuong>1</SLuong></TTChung>
          <DLieu><TKhai>
            <DLTKhai Id="TK1">
              <TTChung><PBan>2.0.1</PBan><MSo>01/ĐKTĐ-HĐĐT</MSo><Ten>Tờ khai đăng ký/thay đổi thông tin sử dụng hóa đơn điện tử</Ten><HThuc>1</HThuc><TNNT>Cửa hàng A</TNNT><MST>0106324653</MST><CQTQLy>Chi cục Thuế quận Ba Đình</CQTQLy><MCQTQLy>10101</MCQTQLy><NLHe>Nguyễn Văn A</NLHe><DCLHe>1 Phố Huế, Hà Nội</DCLHe><DCTDTu>a@example.test</DCTDTu><DTLHe>0241234567</DTLHe><DDanh>Hà Nội</DDanh><NLap>2025-06-01</NLap></TTChung>
              <NDTKhai>
                <HTHDon><CMa>0</CMa><CMTMTTien>1</CMTMTTien><KCMa>0</KCMa></HTHDon>
                <HTGDLHDDT><NNTDBKKhan>0</NNTDBKKhan><NNTKTDNUBND>0</NNTKTDNUBND><CDLTTDCQT>0</CDLTTDCQT><CDLQTCTN>1</CDLQTCTN></HTGDLHDDT>
                <PThuc><CDDu>1</CDDu><CBTHop>0</CBTHop></PThuc>
                <LHDSDung><HDGTGT>1</HDGTGT><HDBHang>1</HDBHang><HDBTSCong>0</HDBTSCong><HDBHDTQGia>0</HDBHDTQGia><HDKhac>0</HDKhac><CTu>0</CTu></LHDSDung>
                <DSCTSSDung><CTS><STT>1</STT><TTChuc>CA Thử nghiệm</TTChuc><Seri>540101080A6D8A02E2F22CE98BD7168E</Seri><TNgay>2025-01-01T00:00:00</TNgay><DNgay>2027-01-01</DNgay><HThuc>1</HThuc></CTS></DSCTSSDung>
              </NDTKhai>
            </DLTKhai>
            <DSCKS><NNT>{SIG}</NNT></DSCKS>
          </TKhai></DLieu>
        </TDiep>
        """;

    public const string Minimal102 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>102</MLTDiep><MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep><MTDTChieu>V03094783060123456789ABCDEF0123456789ABCDEF</MTDTChieu><MST>0106324653</MST><SLuong>1</SLuong></TTChung>
          <DLieu><TBao>
            <DLTBao Id="Id-102"><PBan>2.0.1</PBan><MSo>01/TB-TNĐT</MSo><Ten>Về việc tiếp nhận tờ khai đăng ký sử dụng HĐĐT</Ten><So>7901220000011805</So><DDanh>Hà Nội</DDanh><NTBao>2025-06-01</NTBao><MST>0106324653</MST><TNNT>Cửa hàng A</TNNT><TTKhai>Tờ khai đăng ký/thay đổi thông tin sử dụng hóa đơn điện tử</TTKhai><MGDDTu>V03094783060123456789ABCDEF0123456789ABCDEF</MGDDTu><TGGui>2025-06-01T09:00:00</TGGui><THop>1</THop><TGNhan>2025-06-01T09:00:01</TGNhan></DLTBao>
            <DSCKS><CQT>{SIG}</CQT></DSCKS>
          </TBao></DLieu>
        </TDiep>
        """;

    public const string Minimal103 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>103</MLTDiep><MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep><MTDTChieu>V03094783060123456789ABCDEF0123456789ABCDEF</MTDTChieu><MST>0106324653</MST><SLuong>1</SLuong></TTChung>
          <DLieu><TBao>
            <DLTBao Id="Id-103"><PBan>2.0.1</PBan><MSo>01/TB-ĐKĐT</MSo><Ten>Thông báo về việc chấp nhận đăng ký sử dụng hóa đơn điện tử</Ten><So>103/2025/000001</So><DDanh>Hà Nội</DDanh><NTBao>2025-06-01</NTBao><MST>0106324653</MST><TNNT>Cửa hàng A</TNNT><MGDDTu>V03094783060123456789ABCDEF0123456789ABCDEF</MGDDTu><TGGui>2025-06-01T10:00:00</TGGui><TTXNCQT>1</TTXNCQT><DSMKhoi><MKhoi>A1B2C</MKhoi><MKhoi>Z9Y8X</MKhoi></DSMKhoi><HLuc>2025-06-01</HLuc></DLTBao>
            <DSCKS><CQT>{SIG}</CQT></DSCKS>
          </TBao></DLieu>
        </TDiep>
        """;

    public const string Minimal303 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>V0309478306</MNGui><MNNhan>TCT</MNNhan><MLTDiep>303</MLTDiep><MTDiep>V03094783060123456789ABCDEF0123456789ABCDEF</MTDiep><MST>0106324653</MST><SLuong>1</SLuong></TTChung>
          <DLieu><TBao>
            <DLTBao Id="SS1"><PBan>2.0.1</PBan><MSo>04/SS-HĐĐT</MSo><Ten>Thông báo hóa đơn điện tử có sai sót</Ten><Loai>1</Loai><MCQT>10101</MCQT><TCQT>Chi cục Thuế quận Ba Đình</TCQT><TNNT>Cửa hàng A</TNNT><MST>0106324653</MST><DDanh>Hà Nội</DDanh><NTBao>2025-07-02</NTBao>
              <DSHDon><HDon><STT>1</STT><MCCQT>M1-25-A1B2C-00000000123</MCCQT><KHMSHDon>1</KHMSHDon><KHHDon>C25MAA</KHHDon><SHDon>123</SHDon><Ngay>2025-07-01</Ngay><LADHDDT>1</LADHDDT><TCTBao>1</TCTBao><LDo>Khách trả hàng</LDo></HDon></DSHDon>
            </DLTBao>
            <DSCKS><NNT>{SIG}</NNT></DSCKS>
          </TBao></DLieu>
        </TDiep>
        """;

    public const string Minimal301 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>301</MLTDiep><MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep><MTDTChieu>V03094783060123456789ABCDEF0123456789ABCDEF</MTDTChieu><MST>0106324653</MST><SLuong>1</SLuong></TTChung>
          <DLieu><TBao>
            <DLTBao Id="Id-301"><PBan>2.0.1</PBan><MSo>01/TB-HĐSS</MSo><Ten>Thông báo về việc tiếp nhận và kết quả xử lý về việc hóa đơn điện tử đã lập có sai sót</Ten><So>301/2025/000001</So><DDanh>Hà Nội</DDanh><NTBao>2025-07-02</NTBao><MST>0106324653</MST><TNNT>Cửa hàng A</TNNT><MGDDTu>V03094783060123456789ABCDEF0123456789ABCDEF</MGDDTu>
              <DSHDon>
                <HDon><STT>1</STT><MCCQT>M1-25-A1B2C-00000000123</MCCQT><KHMSHDon>1</KHMSHDon><KHHDon>C25MAA</KHHDon><SHDon>123</SHDon><Ngay>2025-07-01</Ngay><LADHDDT>1</LADHDDT><TCTBao>1</TCTBao><TTTNCCQT>1</TTTNCCQT></HDon>
                <HDon><STT>2</STT><MCCQT>M1-25-BAD</MCCQT><KHMSHDon>1</KHMSHDon><KHHDon>C25MAA</KHHDon><SHDon>124</SHDon><Ngay>2025-07-01</Ngay><LADHDDT>1</LADHDDT><TCTBao>1</TCTBao><TTTNCCQT>2</TTTNCCQT><DSLDKTNhan><LDo><MLoi>7001</MLoi><MTa>Mã máy tính tiền sai định dạng</MTa></LDo></DSLDKTNhan></HDon>
              </DSHDon>
            </DLTBao>
            <DSCKS><CQT>{SIG}</CQT></DSCKS>
          </TBao></DLieu>
        </TDiep>
        """;

    public const string Minimal302 = """
        <TDiep>
          <TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>302</MLTDiep><MTDiep>TCT0123456789ABCDEF0123456789ABCDEF</MTDiep><MST>0106324653</MST></TTChung>
          <DLieu><TBao>
            <DLTBao Id="Id-302"><PBan>2.0.1</PBan><MSo>01/TB-RSĐT</MSo><Ten>Thông báo về hóa đơn điện tử cần rà soát</Ten><So>302/2025/000001</So><DDanh>Hà Nội</DDanh><NTBao>2025-08-05</NTBao><MST>0106324653</MST><TNNT>Cửa hàng A</TNNT><HGTrinh>2025-08-15</HGTrinh>
              <DSHDon><HDon><STT>1</STT><KHMSHDon>1</KHMSHDon><KHHDon>C25MAA</KHHDon><SHDon>123</SHDon><MCCQT>M1-25-A1B2C-00000000123</MCCQT><NLap>2025-07-01</NLap>
                <DSLDo><LDo><MLoi>8003</MLoi><MTa>Số hóa đơn trùng</MTa></LDo></DSLDo></HDon></DSHDon>
            </DLTBao>
            <DSCKS><CQT>{SIG}</CQT></DSCKS>
          </TBao></DLieu>
        </TDiep>
        """;

    /// <summary>The minimal valid document of each message type, signature placeholders filled.</summary>
    public static IReadOnlyDictionary<string, string> MinimalByType { get; } = new Dictionary<string, string>
    {
        ["100"] = Fill(Minimal100),
        ["102"] = Fill(Minimal102),
        ["103"] = Fill(Minimal103),
        ["204"] = Fill(Minimal204),
        ["206"] = Minimal206,
        ["301"] = Fill(Minimal301),
        ["302"] = Fill(Minimal302),
        ["303"] = Fill(Minimal303),
        ["999"] = Minimal999,
    };

    public static string Fill(string xml) => xml.Replace("{SIG}", Sig, StringComparison.Ordinal);

    public static IEnumerable<object[]> AllValid()
    {
        foreach (var (type, xml) in MinimalByType) yield return [type, "minimal", xml];
        yield return ["206", "rich", Rich206];
        yield return ["999", "error", Error999];
        yield return ["204", "failed", Fill(Failed204)];
    }
}

using ConformanceKit.Einvoice.Model;
using ConformanceKit.Provider;

namespace ConformanceKit.Provider.Tests;

/// <summary>Which invoice an LDo of a 204 is about: from GChu's element path, whatever the words around it.</summary>
public sealed class NoticeTriageTests
{
    private static readonly string[] Codes = ["M1-26-A1B2C-00000000001", "M1-26-A1B2C-00000000002", "M1-26-A1B2C-00000000003"];

    [Theory]
    [InlineData("HDon 3 (M1-26-A1B2C-00000000003); dòng 41:9; /TDiep/DLieu/HDon[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/THHDVu")]
    [InlineData("Hóa đơn thứ ba (M1-26-A1B2C-00000000003); dòng 41:9; /TDiep/DLieu/HDon[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/THHDVu")]
    [InlineData("Invoice no. 3, line 41 col 9; /TDiep/DLieu/HDon[2]/MCCQT")]
    [InlineData("/TDiep/DLieu/HDon[2]")]
    public void The_invoice_is_read_from_the_path_not_the_words(string note)
    {
        // The words name invoice 3; the path, the only structured locator, names invoice 2: the path decides.
        var outcomes = NoticeTriage.Triage([new CheckError { Code = "3001", Text = "Sai định dạng", Note = note }], Codes, _ => 0, 5);
        Assert.Equal([InvoiceState.Issued, InvoiceState.Rejected, InvoiceState.Issued], outcomes.Select(o => o.State));
        Assert.Equal(Codes[1], outcomes[1].Code);
    }

    [Theory]
    [InlineData("HDon 2 (M1-26-A1B2C-00000000002); dòng 41:9")]
    [InlineData("dòng 3:1; /TDiep/TTChung/MST")]
    [InlineData("xem /TDiep/DLieu/HDon[2]/MCCQT")]
    [InlineData("/TDiep/DLieu/HDon[0]/MCCQT")]
    [InlineData("/TDiep/DLieu/HDonX[2]/MCCQT")]
    [InlineData(null)]
    public void Without_a_path_to_an_invoice_the_error_is_the_packages(string? note)
    {
        Assert.Null(NoticeTriage.InvoiceIndex(note));
        var outcomes = NoticeTriage.Triage([new CheckError { Code = "3001", Note = note }], Codes, _ => 0, 5);
        Assert.All(outcomes, o => Assert.Equal(InvoiceState.Issued, o.State)); // every invoice packaged again
    }

    [Fact]
    public void A_7005_on_the_path_of_an_invoice_accepts_that_invoice_only()
    {
        var outcomes = NoticeTriage.Triage(
            [new CheckError { Code = NoticeTriage.AlreadyStored, Text = "Mã đã được lưu trữ", Note = "Hóa đơn số 1; /TDiep/DLieu/HDon[3]/MCCQT" }],
            Codes, _ => 0, 5);
        Assert.Equal([InvoiceState.Issued, InvoiceState.Issued, InvoiceState.Accepted], outcomes.Select(o => o.State));
    }
}

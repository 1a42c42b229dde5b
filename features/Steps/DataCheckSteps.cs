using ConformanceKit.Features.Drivers;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Steps;

/// <summary>The authority's data-check notice (204, Form 01/TB-KTDL) and what the buyer can then look up.</summary>
[Binding]
public sealed class DataCheckSteps(SimulatorDriver simulator, SubmissionContext submission)
{
    [Then(@"^the data check notice says the package is valid$")]
    [Then(@"^thông báo kiểm tra dữ liệu cho biết gói hợp lệ$")]
    public async Task ThenTheNoticeSaysValid()
    {
        var notice = (await simulator.NoticesAsync(submission.MessageId))[0];
        Assert.True(notice.Kind == 2, ErrorCodes.Describe(notice, "LTBao 2 (valid)"));
    }

    /// <summary>"citing code 4001", "citing code 2002 and 2003": the notice cites (at least) every code named.</summary>
    [Then(@"^the data check notice rejects the package, citing codes? (\d{4}(?:(?:, | and )\d{4})*)$")]
    public async Task ThenTheNoticeRejectsWithCode(string codes)
    {
        var expected = codes.Split([", ", " and "], StringSplitOptions.None);
        var notice = (await simulator.NoticesAsync(submission.MessageId))[0];
        Assert.True(notice.Kind == 7 && expected.All(ErrorCodes.Of(notice).Contains), ErrorCodes.Describe(notice, $"LTBao 7 citing {codes}"));
    }

    /// <summary>GChu of a located error: "HDon 2 (M1-25-A1B2C-…); dòng 1:1873; /TDiep/DLieu/HDon[2]/…".</summary>
    [Then(@"^the (\d{4}) error names invoice (\d+) by its code, the line and column, and the path (\S+)$")]
    public async Task ThenTheErrorIsLocated(string code, int invoice, string path) =>
        Assert.Null(ErrorCodes.LocationProblem((await simulator.NoticesAsync(submission.MessageId))[0], code, invoice, submission.InvoiceCodes[invoice - 1], path));

    [Then(@"^the package is answered by exactly one data check notice$")]
    public async Task ThenExactlyOneNotice() =>
        Assert.Single(await simulator.NoticesAsync(submission.MessageId));

    [Then(@"^the buyer can look up every invoice of the package$")]
    [Then(@"^người mua tra cứu được mọi hóa đơn của gói$")]
    public async Task ThenTheBuyerCanLookUpEveryInvoice()
    {
        foreach (var code in submission.InvoiceCodes)
            Assert.Equal(submission.MessageId, await simulator.LookUpAsync(submission.TaxCode, code));
    }

    [Then(@"^no invoice is stored from the package$")]
    public async Task ThenNoInvoiceIsStoredFromThePackage()
    {
        foreach (var code in submission.InvoiceCodes)
            Assert.NotEqual(submission.MessageId, await simulator.LookUpAsync(submission.TaxCode, code));
    }
}

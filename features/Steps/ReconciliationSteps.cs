using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Features.Drivers;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Steps;

/// <summary>The monthly Step 2 (control plane) and its review notice (302, Form 01/TB-RSĐT).</summary>
[Binding]
public sealed class ReconciliationSteps(SimulatorDriver simulator)
{
    private readonly List<byte[]> _packages = [];
    private readonly List<Sent> _sendings = [];
    private ReconciliationResult? _result;

    /// <summary>Step 2 reads every stored invoice of the month, of everyone: the feature is tagged @in-process.</summary>
    [Given(@"^two valid signed packages of 1 invoice each, whose invoices have the same number in the same series$")]
    public void GivenTwoPackagesWithTheSameNumber()
    {
        var first = PackageDriver.Options(1);
        _packages.Add(PackageDriver.Signed(first));
        _packages.Add(PackageDriver.Signed(PackageDriver.SameNumber(first)));
    }

    [When(@"^the T-VAN sends both packages$")]
    public async Task WhenTheTvanSendsBothPackages()
    {
        foreach (var package in _packages) _sendings.Add(await simulator.SendAsync(package));
    }

    [Then(@"^the data check accepts both packages$")]
    public async Task ThenBothAreAccepted()
    {
        foreach (var id in Ids)
        {
            var notice = (await simulator.NoticesAsync(id))[0];
            Assert.True(notice.Kind == 2, ErrorCodes.Describe(notice, $"LTBao 2 (valid) for {id}"));
        }
    }

    [When(@"^the authority runs the monthly reconciliation for (\d{4}-\d\d)$")]
    public async Task WhenTheAuthorityReconciles(string month) => _result = await simulator.ReconcileAsync(month);

    [Then(@"^the reconciliation flags both invoices with code (\d{4})$")]
    public void ThenBothInvoicesAreFlagged(string code)
    {
        var flagged = _result!.Findings.Select(f => (f.Code, Invoice: f.InvoiceCode)).ToList();
        Assert.All(Codes, c => Assert.Contains((code, c), flagged));
    }

    [Then(@"^the T-VAN receives a review notice \(302\) listing both invoices with code (\d{4})$")]
    public async Task ThenTheTvanReceivesAReviewNotice(string code)
    {
        var review = await simulator.ReviewNoticeAsync(_result!, [.. Ids]);
        Assert.Equal(Codes.Order(StringComparer.Ordinal), review.Invoices.Select(i => i.Code!).Order(StringComparer.Ordinal));
        Assert.All(review.Invoices, i => Assert.Contains(code, (i.Reasons ?? []).Select(r => r.Code)));
    }

    private IEnumerable<string> Ids => _packages.Select(p => PackageDriver.Read(p).Header.MessageId!);

    private IEnumerable<string> Codes => _packages.Select(p => PackageDriver.Read(p).Invoices[0].Code!);
}

using System.Net;
using ConformanceKit.Features.Drivers;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Steps;

/// <summary>A T-VAN submits a package; the English and the Vietnamese wording bind the same steps.</summary>
[Binding]
public sealed class SubmissionSteps(SimulatorDriver simulator, SubmissionContext submission)
{
    [Given(@"^a valid signed package of (\d+) invoices?$")]
    [Given(@"^một gói đã ký gồm (\d+) hóa đơn hợp lệ$")]
    public void GivenAValidSignedPackage(int invoices) =>
        submission.Package = PackageDriver.Signed(PackageDriver.Options(invoices));

    [Given(@"^a signed package of (\d+) invoices? that is (.+)$")]
    public async Task GivenASignedPackageThatIs(int invoices, string defect) =>
        submission.Package = await PackageDefects.Get(defect)(invoices, simulator);

    [When(@"^the T-VAN sends the package$")]
    [When(@"^the T-VAN sends the same package again$")]
    [When(@"^the T-VAN sends the package again$")]
    [When(@"^T-VAN gửi gói$")]
    public async Task WhenTheTvanSendsThePackage() => submission.Sendings.Add(await simulator.SendAsync(submission.Package));

    [Then(@"^the authority acknowledges receipt$")]
    [Then(@"^cơ quan thuế xác nhận đã nhận gói$")]
    public void ThenTheAuthorityAcknowledgesReceipt() =>
        Assert.All(submission.Sendings, s => Assert.Equal((HttpStatusCode.OK, 0), (s.Status, s.Ack?.Status)));

    [Then(@"^both acknowledgements are identical$")]
    public void ThenBothAcknowledgementsAreIdentical() =>
        Assert.Equal(submission.Sendings[0].Body, Assert.Single(submission.Sendings.Skip(1)).Body);
}

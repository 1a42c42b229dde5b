using ConformanceKit.Features.Drivers;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Steps;

/// <summary>T-VANs of the scenario's own, registered through the control plane with a named contract (check 5).</summary>
[Binding]
public sealed class TvanSteps(TvanDriver tvans, SubmissionContext submission)
{
    [Given(@"^a T-VAN (without a contract|whose contract .+|with a contract in force)$")]
    public async Task GivenATvan(string contract) => submission.Tvan = await tvans.RegisterAsync(contract);

    [Given(@"^that T-VAN has a valid signed package of (\d+) invoices?$")]
    public void GivenThatTvanHasAPackage(int invoices) =>
        submission.Package = PackageDriver.Signed(PackageDriver.Options(invoices) with { SenderCode = Registered.Code });

    private TvanAccount Registered => submission.Tvan ?? throw new InvalidOperationException("no T-VAN was registered by an earlier step");
}

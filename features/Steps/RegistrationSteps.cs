using ConformanceKit.Einvoice.Model;
using ConformanceKit.Features.Drivers;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Steps;

/// <summary>Registration (100 → 102 → 103) and the first package with the code block it issued.</summary>
[Binding]
public sealed class RegistrationSteps(SimulatorDriver simulator, SubmissionContext submission)
{
    private string _taxCode = "";
    private string _registrationId = "";
    private string? _block;

    /// <summary>Registering changes the taxpayer in the seed (0301521415 is the 2004 example): the feature is tagged @in-process.</summary>
    [Given(@"^taxpayer (\d{10}) has signed a registration for invoices from cash registers$")]
    public void GivenASignedRegistration(string taxCode)
    {
        _taxCode = taxCode;
        submission.Package = RegistrationDriver.SignedForCashRegisters(taxCode);
        _registrationId = Einvoice.Serialization.MessageReader.Read(submission.Package).Header.MessageId!;
    }

    [When(@"^the T-VAN sends the registration$")]
    public async Task WhenTheTvanSendsTheRegistration() => submission.Sendings.Add(await simulator.SendAsync(submission.Package));

    [Then(@"^the authority confirms it received the registration \(102, THop 1\)$")]
    public async Task ThenTheAuthorityConfirmsReceipt()
    {
        var receipt = await simulator.ResponseAsync<RegistrationReceipt>(_registrationId);
        Assert.True(receipt.Case == 1, $"expected THop 1; the 102 says THop {receipt.Case} citing [{string.Join(", ", (receipt.Reasons ?? []).Select(r => r.Code))}]");
    }

    [Then(@"^the authority accepts the registration \(103\) with a fresh code block$")]
    public async Task ThenTheAuthorityAccepts() =>
        _block = RegistrationDriver.FreshBlockOf(await simulator.ResponseAsync<RegistrationDecision>(_registrationId));

    [When(@"^the T-VAN sends a valid signed package of (\d+) invoices? of the taxpayer, coded with that block$")]
    public async Task WhenTheTvanSendsAPackageWithTheBlock(int invoices)
    {
        submission.Package = RegistrationDriver.PackageCodedWith(invoices, _taxCode, _block ?? throw new InvalidOperationException("no code block was issued"));
        submission.Sendings.Add(await simulator.SendAsync(submission.Package));
    }
}

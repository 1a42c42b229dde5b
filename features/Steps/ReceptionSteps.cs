using ConformanceKit.Features.Drivers;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Steps;

/// <summary>Reception (999): messages refused before any data check, with their reason (1001–1008).</summary>
[Binding]
public sealed class ReceptionSteps(SimulatorDriver simulator, SubmissionContext submission)
{
    [Given(@"^a message that is (.+)$")]
    public async Task GivenAMessageThatIs(string defect) => submission.Package = await MessageDefects.Get(defect)(simulator);

    [When(@"^the T-VAN sends the message$")]
    public async Task WhenTheTvanSendsTheMessage() => submission.Sendings.Add(await simulator.SendAsync(submission.Package));

    /// <summary>MTa of a located reason: "Vietnamese text / English detail (line 1:48, /TDiep/TTChung/…)".</summary>
    [Then(@"^the reason (\d{4}) points into (\S+) with a line and column$")]
    public void ThenTheReasonIsLocated(string code, string path) => Assert.Null(ErrorCodes.LocationProblem(Assert.Single(submission.Sendings).Ack, code, path));

    [Then(@"^the authority refuses it at reception with HTTP (\d{3}), citing reason (\d{4})$")]
    public void ThenTheAuthorityRefusesIt(int status, string code) => Assert.Null(ErrorCodes.RefusalProblem(Assert.Single(submission.Sendings), status, code));
}

using ConformanceKit.Einvoice.Model;
using ConformanceKit.Features.Drivers;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Steps;

/// <summary>Responses pushed to the T-VAN's callback address, retried until its receiver accepts them.</summary>
[Binding]
public sealed class CallbackSteps(SimulatorDriver simulator, TvanDriver tvans, CallbackReceiver receiver, SubmissionContext submission)
{
    [Given(@"^a T-VAN with a contract in force that receives responses at its callback address$")]
    public Task GivenATvanWithACallback() => GivenATvanWithACallbackRefusing(0);

    [Given(@"^a T-VAN with a contract in force that receives responses at its callback address, refusing the first (\d+) pushes$")]
    public async Task GivenATvanWithACallbackRefusing(int refusals)
    {
        await receiver.StartAsync(refusals);
        submission.Tvan = await tvans.RegisterAsync("with a contract in force", receiver.Url);
    }

    [Then(@"^the callback receiver gets the acknowledgement \(999\) of the package$")]
    public async Task ThenTheReceiverGetsTheAck()
    {
        var push = await receiver.WaitForAsync(p => p.Response is TechnicalAck a && (a.Header.ReplyToId == submission.MessageId || a.MessageId == submission.MessageId), LetBackoffPass);
        Assert.True(push?.Response is TechnicalAck { Status: 0 }, Missing("the 999 with TTTNhan 0"));
    }

    [Then(@"^the callback receiver gets the data check notice \(204\) of the package, saying it is valid$")]
    public async Task ThenTheReceiverGetsTheNotice()
    {
        var push = await receiver.WaitForAsync(p => p.Response is DataCheckNotice n && n.Header.ReplyToId == submission.MessageId, LetBackoffPass);
        Assert.True(push?.Response is DataCheckNotice { Kind: 2 }, Missing("the 204 with LTBao 2"));
    }

    [Then(@"^every refused push was retried until the receiver accepted it$")]
    public void ThenEveryRefusedPushWasRetried()
    {
        var refused = receiver.Pushes.Where(p => !p.Accepted).Select(p => p.HeaderId).Distinct().ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, id => Assert.Contains(receiver.Pushes, p => p.Accepted && p.HeaderId == id));
    }

    [Then(@"^every push names the response it carries \(X-MTDiep, X-MLTDiep\)$")]
    public void ThenEveryPushNamesItsResponse() =>
        Assert.All(receiver.Pushes, p => Assert.Equal((p.Response.Header.MessageId, p.Response.TypeCode), (p.HeaderId, p.HeaderType)));

    /// <summary>The back-off runs on the simulated clock: advance it while a refused push waits (own simulator only).</summary>
    private async Task LetBackoffPass()
    {
        var pushes = receiver.Pushes;
        if (simulator.OwnsSimulator && pushes.Any(p => !p.Accepted && !pushes.Any(q => q.Accepted && q.HeaderId == p.HeaderId)))
            await simulator.AdvanceClockAsync(5);
    }

    private string Missing(string what) =>
        $"the callback receiver did not get {what} of {submission.MessageId}; it got: " +
        (receiver.Pushes.Count == 0 ? "nothing" : string.Join("; ", receiver.Pushes.Select(p =>
            $"{p.HeaderType} {p.HeaderId} (answers {p.Response.Header.ReplyToId}, {(p.Accepted ? "accepted" : "refused")})")));
}

using System.Globalization;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Features.Drivers;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Steps;

/// <summary>The authority's simulated clock (control plane) and the time of its data check notice.</summary>
[Binding]
public sealed class ClockSteps(SimulatorDriver simulator, SubmissionContext submission)
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>Moving the clock of a shared endpoint would disturb everything else running on it: tag the scenario @in-process.</summary>
    [Given(@"^the authority's clock stands still at (\d{4}-\d\d-\d\d \d\d:\d\d) with a processing time of (\d+) minutes$")]
    public Task GivenTheClockStandsStill(string time, int minutes)
    {
        var now = new DateTimeOffset(DateTime.ParseExact(time, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Vietnam);
        return simulator.SetClockAsync(now, rate: 0, processingDelaySeconds: minutes * 60);
    }

    [When(@"^(\d+) simulated seconds pass$")]
    public Task WhenSecondsPass(int seconds) => simulator.AdvanceClockAsync(seconds);

    [When(@"^(\d+) simulated hours pass at once$")]
    public Task WhenHoursPass(int hours) => simulator.AdvanceClockAsync(hours * 3600);

    /// <summary>The clock stands still, so no notice can be due; the pause only gives a wrong one time to show up.</summary>
    [Then(@"^no data check notice has been sent yet$")]
    public async Task ThenNoNoticeYet()
    {
        await Task.Delay(300);
        var types = (await simulator.ResponsesAsync(submission.MessageId)).Select(r => MessageReader.Read(r).TypeCode).ToList();
        Assert.True(types.SequenceEqual(["999"]), $"expected only the 999; the responses are [{string.Join(", ", types)}]");
    }

    [Then(@"^the data check notice is dated (\d{4}-\d\d-\d\d \d\d:\d\d)$")]
    public async Task ThenTheNoticeIsDated(string time)
    {
        var notice = (await simulator.NoticesAsync(submission.MessageId))[0];
        Assert.Equal(DateTime.ParseExact(time, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), notice.SentAt);
    }

    [Then(@"^the data check notice is dated no later than (\d+) minutes after receipt$")]
    public async Task ThenTheNoticeIsDatedNoLaterThan(int minutes)
    {
        var received = Assert.Single(submission.Sendings).Ack?.ReceivedAt ?? throw new InvalidOperationException("the 999 has no receipt time");
        var sent = (await simulator.NoticesAsync(submission.MessageId))[0].SentAt;
        Assert.True(sent <= received.AddMinutes(minutes), $"received at {received:s}, the notice is dated {sent:s}: more than {minutes} minutes later");
    }
}

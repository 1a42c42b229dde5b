using System.Net;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Features.Drivers;
using Reqnroll;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Steps;

/// <summary>The failures the authority can simulate: refused connection, unavailable service, a lost notice.</summary>
[Binding]
public sealed class FaultSteps(SimulatorDriver simulator, FaultDriver faults, SubmissionContext submission)
{
    private const string WrongApiKey = "not-a-tvan-key";

    [Given(@"^the authority will answer the T-VAN's next message with HTTP (500|503)$")]
    public Task GivenTheAuthorityWillAnswer(int status) => faults.AnswerNextMessageWithAsync(Tvan, status);

    [Given(@"^the authority will drop the data check notice of the T-VAN's next package$")]
    public Task GivenTheAuthorityWillDropTheNotice() => faults.DropNextNoticeAsync(Tvan);

    [When(@"^the T-VAN sends the package with a wrong API key$")]
    public async Task WhenTheTvanSendsWithAWrongKey() => submission.Sendings.Add(await simulator.SendAsync(submission.Package, WrongApiKey));

    [Then(@"^the authority refuses the connection with HTTP (\d{3})$")]
    public void ThenTheAuthorityRefusesTheConnection(int status) => Assert.Equal(status, (int)Last.Status);

    [Then(@"^the authority answers HTTP (\d{3}) and asks to retry after (\d+) seconds?$")]
    public void ThenTheAuthorityAnswersAndAsksToRetry(int status, int seconds) =>
        Assert.Equal((status, TimeSpan.FromSeconds(seconds)), ((int)Last.Status, Last.RetryAfter ?? TimeSpan.Zero));

    [Then(@"^the authority has recorded nothing of the package$")]
    public async Task ThenNothingIsRecorded() => Assert.Empty(await simulator.ResponsesAsync(submission.MessageId));

    [Then(@"^the retry is acknowledged$")]
    public void ThenTheRetryIsAcknowledged() => Assert.Equal((HttpStatusCode.OK, 0), (Last.Status, Last.Ack?.Status));

    [Then(@"^every invoice of the package is stored$")]
    public async Task ThenEveryInvoiceIsStored() =>
        Assert.Empty(await simulator.NotStoredByAsync(submission.TaxCode, submission.InvoiceCodes, submission.MessageId));

    /// <summary>Invoices are stored in the transaction that records the 204: once they are stored, a missing 204 never comes.</summary>
    [Then(@"^no data check notice comes for the package$")]
    public async Task ThenNoNoticeComes()
    {
        var types = (await simulator.ResponsesAsync(submission.MessageId)).Select(r => MessageReader.Read(r).TypeCode).ToList();
        Assert.True(types.SequenceEqual(["999"]), $"expected only the 999; the responses are [{string.Join(", ", types)}]");
    }

    private Sent Last => submission.Sendings.Count > 0 ? submission.Sendings[^1] : throw new InvalidOperationException("nothing was sent");

    private TvanAccount Tvan => submission.Tvan ?? throw new InvalidOperationException("faults are aimed at a T-VAN the scenario registered ('Given a T-VAN with a contract in force')");
}

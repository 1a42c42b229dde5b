using System.Text.RegularExpressions;
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
    public void ThenTheReasonIsLocated(string code, string path)
    {
        var texts = (Assert.Single(submission.Sendings).Ack?.Reasons ?? []).Where(r => r.Code == code).Select(r => r.Description ?? "").ToList();
        Assert.True(texts.Any(t => Regex.IsMatch(t, $@"\(line \d+:\d+, {Regex.Escape(path)}[/)]")),
            $"expected a {code} reason located at 'line <line>:<column>, {path}…'; its texts: [{string.Join(" | ", texts)}]");
    }

    [Then(@"^the authority refuses it at reception with HTTP (\d{3}), citing reason (\d{4})$")]
    public void ThenTheAuthorityRefusesIt(int status, string code)
    {
        var sent = Assert.Single(submission.Sendings);
        var reasons = sent.Ack?.Reasons?.Select(r => r.Code).ToList() ?? [];
        Assert.True((int)sent.Status == status && sent.Ack?.Status == 1 && reasons.Contains(code),
            $"expected HTTP {status}, TTTNhan 1 citing {code}; got HTTP {(int)sent.Status}, TTTNhan {sent.Ack?.Status?.ToString() ?? "(no 999)"} citing [{string.Join(", ", reasons)}]");
    }
}

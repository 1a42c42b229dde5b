using ConformanceKit.Features.Drivers;
using ConformanceKit.ProviderSim;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>Steps of Features/ProviderSim/VnptInvoice.feature: a POS on VNPT Invoice's SOAP web services (the vnpt-invoice profile).</summary>
[Binding]
public sealed class VnptSteps(VnptPosDriver pos)
{
    private readonly List<VnptPosDriver.Outcome> _sales = [];

    private VnptPosDriver.Outcome Last => _sales.Count > 0 ? _sales[^1] : throw new InvalidOperationException("no sale yet");

    [Given("the shop's POS talks to VNPT Invoice's web services")]
    public Task GivenVnpt() => pos.StartAsync();

    [Given("VNPT will answer the next sale with its {string} fault")]
    public void GivenFault(string fault) => pos.Fault(fault);

    [When("the cashier sells {int} iced coffee(s) at {int} dong each through VNPT")]
    public async Task WhenSells(int quantity, int price) => _sales.Add(await pos.SellAsync("POS1-" + Guid.NewGuid().ToString("N")[..20], quantity, price));

    [When("the POS sends the same Fkey again")]
    public async Task WhenSameFkey() => _sales.Add(await pos.SellAsync(Last.Fkey, 2, 29000));

    [Then("the POS gets VNPT's invoice number and the authority's code")]
    public void ThenCode()
    {
        Assert.True(Last.Error is null, Last.Error);
        Assert.Matches(@"^M1-\d\d-A1B2C-\d{11}$", Last.Code!);
    }

    [Then("VNPT answered {string} first")]
    public void ThenAnsweredFirst(string answer) => Assert.Equal(answer, pos.Answers[0]);

    [Then("VNPT refused it as already received and the POS found the same invoice by its Fkey")]
    public void ThenDuplicate()
    {
        Assert.StartsWith("ERR:13", pos.Answers[^1]);
        Assert.Equal((_sales[0].Number, _sales[0].Code), (_sales[1].Number, _sales[1].Code));
    }

    [Then("VNPT reports TThai {int} for the invoice")]
    [When("VNPT reports TThai {int} for the invoice")]
    public async Task ThenTThai(int tthai)
    {
        string? last = null;
        var ok = await Eventually.TryUntilAsync(async () => (last = (await pos.StatusAsync(Last.Fkey))?.Element("TThai")?.Value) == tthai.ToString(),
            TimeSpan.FromSeconds(20));
        Assert.True(ok, $"TThai stayed {last ?? "(no invoice)"}");
    }

    [When("the shop cancels the invoice through VNPT")]
    public async Task WhenCancels() => Assert.Equal("OK:", await pos.CancelAsync(Last.Fkey));

    [Then("the judgement finds nothing wrong with how the POS used VNPT")]
    public void ThenNothingWrong()
    {
        var bad = pos.Judge().Checks.Where(c => c.Verdict is PosJudge.Verdict.Fail or PosJudge.Verdict.Warn).ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(c => $"{c.Id}: {c.Verdict}: {string.Join("; ", c.Findings)}")));
    }
}

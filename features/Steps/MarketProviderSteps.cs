using ConformanceKit.Features.Drivers;
using ConformanceKit.ProviderSim;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>The shop's POS against a market provider's API (Features/ProviderSim): <see cref="MarketProviderDriver"/>.</summary>
[Binding]
public sealed class MarketProviderSteps(MarketProviderDriver pos)
{
    /// <summary>An address where nothing listens: the authority down behind the provider.</summary>
    private static readonly Uri DeadAuthority = new("http://127.0.0.1:9/");

    private readonly List<MarketProviderDriver.Outcome> _sales = [];

    private MarketProviderDriver.Outcome Last => _sales.Count > 0 ? _sales[^1] : throw new InvalidOperationException("nothing was sold");

    [Given("the shop's POS talks to the {word} {word} API")]
    public Task GivenThePosTalksTo(string brand, string product) => pos.StartAsync($"{brand} {product}");

    [Given("the shop's POS talks to the {word} {word} API, whose authority is down")]
    public Task GivenThePosTalksToWithTheAuthorityDown(string brand, string product) => pos.StartAsync($"{brand} {product}", DeadAuthority);

    [Given("the provider's token has expired")]
    public void GivenTheTokenHasExpired() => pos.Fault("token-expired");

    [Given("the provider will ask the POS to slow down on the next sale")]
    public void GivenRateLimited() => pos.Fault("rate-limited");

    [Given(@"^the provider will answer the next sale with (a server error|a gateway's HTML page|an empty answer|a truncated answer)$")]
    public void GivenTrouble(string trouble) => pos.Fault(trouble switch
    {
        "a server error" => "server-error",
        "a gateway's HTML page" => "unavailable",
        "an empty answer" => "empty-body",
        _ => "malformed-body",
    });

    [Given("the provider will say it already has the next sale")]
    public void GivenDuplicate() => pos.Fault("duplicate-transaction");

    [Given("the provider will answer the next sale only after {int} seconds")]
    public void GivenDelay(int seconds)
    {
        Assert.Equal(3, seconds); // the ready fault's delay (faults/delay.json)
        pos.Fault("delay");
    }

    [Given("the POS waits {int} second(s) for an answer")]
    public void GivenPatience(int seconds) => pos.Patience = TimeSpan.FromSeconds(seconds);

    [Given("the provider cannot reach the authority")]
    public void GivenTheAuthorityUnreachable() => pos.Fault("authority-unreachable");

    [When("the provider reaches the authority again")]
    public void WhenTheAuthorityIsBack() => pos.Fault("authority-unreachable", on: false);

    [When("the cashier sells {int} iced coffee(s) at {int} dong each")]
    public async Task WhenTheCashierSells(int quantity, int price) =>
        _sales.Add(await pos.SellAsync("pos-" + Guid.NewGuid().ToString("N")[..12], quantity, price));

    [When("the POS sends the same sale again under the same transaction id")]
    [When("the POS sends the kept sale again")]
    public async Task WhenThePosSendsAgain() => _sales.Add(await pos.SellAsync(Last.TransactionId, 2, 29000));

    [Then("the POS gets an invoice number and the authority's code")]
    public void ThenThePosGetsAnInvoice()
    {
        Assert.True(Last.Error is null && Last.InvoiceNumber is { Length: > 0 }, $"no invoice for {Last.TransactionId}: {Last.Error}");
        Assert.Matches(@"^M1-\d{2}-[A-Z0-9]{5}-\d{11}$", Last.AuthorityCode);
    }

    [Then("the provider reports that the authority accepted the invoice")]
    public async Task ThenAccepted()
    {
        var state = await Eventually.ValueAsync(() => pos.StateAsync(Last.TransactionId), s => s == "accepted", TimeSpan.FromSeconds(20));
        Assert.Equal("accepted", state);
    }

    [Then("the provider still reports the invoice as not accepted after {int} seconds")]
    public async Task ThenNotAccepted(int seconds)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var state = await pos.StateAsync(Last.TransactionId);
        Assert.True(state is "issued" or "packaged", $"the provider says {state ?? "no invoice"}");
    }

    [Then("the provider finds nothing wrong with how the POS behaved")]
    public void ThenNothingWrong()
    {
        var judgement = pos.Judge();
        var bad = judgement.Checks.Where(c => c.Verdict is PosJudge.Verdict.Fail or PosJudge.Verdict.Warn).ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(c => $"{c.Id}: {c.Verdict}: {string.Join("; ", c.Findings)}")));
    }

    [Then("the POS gets the same invoice number and code both times")]
    public void ThenTheSameInvoice()
    {
        Assert.Equal(2, _sales.Count);
        Assert.True(_sales[0].Error is null, _sales[0].Error);
        Assert.Equal((_sales[0].InvoiceNumber, _sales[0].AuthorityCode), (_sales[1].InvoiceNumber, _sales[1].AuthorityCode));
    }

    [Then("the next sale gets the next invoice number")]
    public async Task ThenTheNextNumber()
    {
        var next = await pos.SellAsync("pos-" + Guid.NewGuid().ToString("N")[..12], 1, 29000);
        Assert.True(next.Error is null, next.Error);
        Assert.Equal(Sequence(_sales[0].AuthorityCode) + 1, Sequence(next.AuthorityCode));
    }

    private static long Sequence(string? code) => long.Parse(code![^11..]);

    [Then("the POS logs in again and the sale goes through")]
    public void ThenLoggedInAgain()
    {
        Assert.Equal(2, pos.Logins); // the first login, and one after the 401
        Assert.Equal([401, 200], pos.Attempts.Select(a => a.Status));
        ThenThePosGetsAnInvoice();
    }

    [Then("the POS waited as told before sending the sale again under the same transaction id")]
    public void ThenWaitedAsTold()
    {
        Assert.True(pos.Attempts.Count >= 2 && pos.Attempts[0].Status == 429, $"expected a 429 first: {string.Join(", ", pos.Attempts.Select(a => a.Status))}");
        var told = pos.Attempts[0].RetryAfter ?? throw new InvalidOperationException("the 429 had no Retry-After");
        Assert.True(pos.Attempts[1].At - pos.Attempts[0].At >= told, $"retried after {pos.Attempts[1].At - pos.Attempts[0].At}, told {told}");
        Assert.Equal(pos.Attempts[0].TransactionId, pos.Attempts[1].TransactionId);
    }

    [Then("the POS sent the sale {int} times, always under the same transaction id")]
    public void ThenSentTimes(int times)
    {
        Assert.Equal(times, pos.Attempts.Count);
        Assert.Single(pos.Attempts.Select(a => a.TransactionId).Distinct());
    }

    [Then("the POS looked the sale up before sending it again under the same transaction id")]
    public void ThenLookedUp()
    {
        Assert.True(pos.LookUps >= 1, "the POS never looked the sale up");
        Assert.Equal(2, pos.Attempts.Count);
        Assert.Single(pos.Attempts.Select(a => a.TransactionId).Distinct());
    }

    [Then("the provider holds exactly that invoice for the sale")]
    public async Task ThenTheProviderHoldsThatInvoice()
    {
        Assert.Contains(pos.Attempts, a => a.TimedOut);
        var held = await pos.LookUpAsync(Last.TransactionId);
        Assert.Equal(Last.AuthorityCode, held?.AuthorityCode);
    }

    [Then("the POS is told the authority cannot be reached and has no invoice for the sale")]
    public async Task ThenToldUnreachable()
    {
        Assert.True(Last.InvoiceNumber is null && Last.Error is not null, $"expected a refusal, got {Last}");
        Assert.Contains("Cơ quan thuế", Last.Error);
        Assert.Null(await pos.LookUpAsync(Last.TransactionId));
    }
}

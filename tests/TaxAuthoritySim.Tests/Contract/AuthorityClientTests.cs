using System.Net;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Contract;

/// <summary>The typed clients of src/AuthorityContract against the simulator: every route, and the failures as exceptions.</summary>
public sealed class AuthorityClientTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();
    private readonly AuthorityAdminClient _admin;
    private readonly AuthorityTvanClient _tvan;

    public AuthorityClientTests()
    {
        _admin = _sim.AdminClient();
        _tvan = _sim.TvanClient();
    }

    public void Dispose() => _sim.Dispose();

    [Fact]
    public async Task A_package_goes_out_and_its_999_204_inbox_journal_look_up_and_stored_bytes_come_back()
    {
        var health = await _tvan.HealthAsync();
        Assert.True(health.IsReady);
        Assert.Equal("sqlite", health.Store);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await _tvan.CertificateAsync());

        var body = Packages.Signed(Packages.Options(invoices: 2));
        var id = Packages.IdOf(body);
        var sent = await _tvan.SendAsync(body);
        Assert.True(sent.Taken);
        Assert.Equal("999", SimClient.TypeOf(sent.Body));
        await _sim.Tvan().NoticeAsync(id);

        var responses = await _tvan.ResponsesAsync(id);
        Assert.Equal(["999", "204"], responses.Messages.Select(SimClient.TypeOf));
        Assert.Equal(responses.Messages, SimClient.Split(responses.Xml));
        Assert.Equal(["999", "204"], (await _admin.GetResponsesAsync(id)).Messages.Select(SimClient.TypeOf));
        Assert.True((await _tvan.ResponsesAsync("V0309478306" + new string('0', 32))).IsEmpty);

        var inbox = await _tvan.InboxAsync(after: 0, limit: 1);
        Assert.Single(inbox.Messages);
        var rest = await _tvan.InboxAsync(inbox.Next!.Value);
        Assert.True(rest.Next > inbox.Next);
        Assert.Equal(rest.Next, (await _tvan.InboxAsync(rest.Next!.Value)).Next);

        Assert.Equal(body, await _admin.GetMessageAsync(id));
        Assert.Null(await _admin.GetMessageAsync("nothing-like-it"));

        var code = Packages.CodesOf(body)[0];
        var view = await _tvan.LookUpAsync(DemoData.TaxCode, code);
        Assert.NotNull(view);
        Assert.Equal(id, view.MessageId);
        Assert.Equal(code, view.Code);
        Assert.StartsWith("<HDon", view.Xml);
        var buyer = new AuthorityTvanClient(_sim.CreateClient(), apiKey: null);
        Assert.NotNull(await buyer.LookUpAsync(DemoData.TaxCode, code, view.Total!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(await buyer.LookUpAsync(DemoData.TaxCode, code, "1"));
        var noTotal = await Assert.ThrowsAsync<AuthorityApiException>(() => buyer.LookUpAsync(DemoData.TaxCode, code));
        Assert.Equal(HttpStatusCode.BadRequest, noTotal.Status);
        Assert.Equal("Total required", noTotal.Problem!.Title);

        var journal = await _admin.GetJournalAsync(mst: DemoData.TaxCode);
        Assert.Contains(journal.Entries, e => e.Direction == "in" && e.MessageId == id && e.HttpStatus == 200);
        var notice = Assert.Single(journal.Entries, e => e.Type == "204" && e.ReplyTo == id);
        Assert.InRange(notice.LatencySeconds!.Value, 0, 900);
        Assert.All((await _admin.GetJournalAsync(mst: DemoData.TaxCode, after: journal.Next)).Entries, e => Assert.True(e.Seq > journal.Next));
        Assert.All((await _admin.GetJournalAsync(type: "204", limit: 1)).Entries, e => Assert.Equal("204", e.Type));
    }

    [Fact]
    public async Task The_control_plane_seed_clock_faults_reconciliation_and_reset()
    {
        var seeded = await _admin.SeedAsync(new SeedDocument
        {
            Tvans = [new SeedTvan { Code = "V0301521415", Name = "Typed", ApiKey = "typed-key",
                                    Contract = new SeedContract { From = new DateOnly(2025, 1, 1), To = new DateOnly(2099, 12, 31), Status = "active" } }],
        });
        Assert.True(seeded.Tvans >= 2);

        var start = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7));
        var clock = await _admin.SetClockAsync(new ClockChange(start, Rate: 0, ProcessingDelaySeconds: 0));
        Assert.Equal("2025-06-15T09:00:00.000+07:00", clock.Now);
        Assert.Equal(start, clock.NowValue);
        Assert.False(clock.Real);
        Assert.Equal(start.AddMinutes(1), (await _admin.AdvanceClockAsync(TimeSpan.FromMinutes(1))).NowValue);
        Assert.Equal(start.AddMinutes(1), (await _admin.GetClockAsync()).NowValue);

        var rule = await _admin.AddFaultAsync(new FaultRule { Action = FaultAction.Status503, Mst = DemoData.TaxCode, FirstN = 1 });
        Assert.NotNull(rule.Id);
        var busy = await Assert.ThrowsAsync<AuthorityApiException>(() => _tvan.SendAsync(Packages.Signed()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.RetryAfter);
        Assert.Equal(1, Assert.Single(await _admin.GetFaultsAsync()).Fired);
        await _admin.ClearFaultsAsync(seed: 3);
        Assert.Empty(await _admin.GetFaultsAsync());

        var result = await _admin.ReconcileAsync("2031-01");
        Assert.Equal("2031-01", result.Month);
        Assert.Equal(0, result.InvoicesChecked);
        Assert.Empty(result.Findings);

        var reset = await _admin.ResetAsync();
        Assert.True(reset.Reset);
        Assert.True((await _admin.GetClockAsync()).Real);
    }

    [Fact]
    public async Task Refusals_are_exceptions_with_the_status_and_each_problem()
    {
        var bad = await Assert.ThrowsAsync<AuthorityApiException>(() => _admin.SetClockAsync(new ClockChange(Rate: -1, ProcessingDelaySeconds: 901)));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Bad clock change", bad.Problem!.Title);
        Assert.Equal(2, bad.Problem.Errors.Count);
        Assert.StartsWith("rate:", bad.Problem.Errors[0]);
        Assert.Contains("PUT /admin/v1/clock answered 400", bad.Message);

        var fault = await Assert.ThrowsAsync<AuthorityApiException>(() => _admin.AddFaultAsync(new FaultRule { Action = FaultAction.Delay204 }));
        Assert.StartsWith("delaySeconds:", Assert.Single(fault.Problem!.Errors));
        var seed = await Assert.ThrowsAsync<AuthorityApiException>(() => _admin.SeedAsync(new SeedDocument
        {
            Taxpayers = [new SeedTaxpayer { Mst = "0106324654", Name = "bad check digit" }],
        }));
        Assert.Contains(seed.Problem!.Errors, e => e.StartsWith("taxpayers[0].mst", StringComparison.Ordinal));
        await Assert.ThrowsAsync<AuthorityApiException>(() => _admin.ReconcileAsync("June"));

        var wrongKey = new AuthorityAdminClient(_sim.CreateClient(), DemoData.TvanApiKey);
        var unauthorized = await Assert.ThrowsAsync<AuthorityApiException>(() => wrongKey.GetClockAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.Status);
        Assert.Equal("Unauthorized", unauthorized.Problem!.Title);
        var noKey = await Assert.ThrowsAsync<AuthorityApiException>(() => new AuthorityTvanClient(_sim.CreateClient(), null).SendAsync(Packages.Signed()));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Status);

        // A refusal at reception is a 999, not an exception.
        var refused = await _tvan.SendAsync("<TDiep/>"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.False(refused.Taken);
        Assert.Equal("999", SimClient.TypeOf(refused.Body));
    }
}

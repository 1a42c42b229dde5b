using System.Net.Http.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Delivery;

/// <summary>Callbacks (retried until a 2xx) and the e-mail per 204.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private readonly SimulatorFactory _sim = new();
    private readonly CallbackReceiver _receiver = new();

    public Task InitializeAsync() => _receiver.StartAsync(refuseFirst: 2);

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _sim.Dispose();
    }

    [Fact]
    public async Task Responses_are_pushed_to_the_callback_retried_until_accepted_and_204s_are_emailed()
    {
        var admin = _sim.Admin();
        var seeded = await admin.PostAsJsonAsync("/admin/v1/seed", new
        {
            tvans = new[]
            {
                new { code = DemoData.TvanCode, name = "T-VAN A", apiKey = DemoData.TvanApiKey, callbackUrl = _receiver.Url.ToString(),
                      contract = new { from = "2025-01-01", to = "2027-12-31", status = "active" } },
            },
        });
        seeded.EnsureSuccessStatusCode();
        var tvan = _sim.Tvan();
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await tvan.PostMessageAsync(body);
        var notice = await tvan.WaitForAsync(id);

        // Both the 999 and the 204 are pushed; they retry independently, so wait for both, letting the back-off pass
        // quickly on the simulated clock.
        await Eventually.UntilAsync(
            () => Task.FromResult(_receiver.Pushes.Any(r => r.Accepted && r.HeaderType == "204") && _receiver.Pushes.Any(r => r.Accepted && r.HeaderType == "999")),
            "the 999 and the 204 were both pushed to the callback", TimeSpan.FromSeconds(20),
            meanwhile: async () => await admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 5 }));
        Assert.True(_receiver.Refused >= 2, "the callback was not retried after failures");
        var pushed = _receiver.Pushes.Single(r => r.Accepted && r.HeaderType == "204");
        Assert.Equal(Einvoice.Serialization.MessageReader.Read(notice).Header.MessageId, pushed.HeaderId);
        Assert.Equal(pushed.HeaderId, pushed.Response.Header.MessageId);
        Assert.Contains(_receiver.Pushes, r => r.Accepted && r.HeaderType == "999");

        var outbox = Path.Combine(_sim.DataDirectory, "outbox");
        var mails = await Eventually.ValueAsync(() => Task.FromResult(Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : []),
            m => m.Length > 0, TimeSpan.FromSeconds(10));
        Assert.True(mails.Length > 0, "no e-mail in the outbox");
        var mail = await File.ReadAllTextAsync(Assert.Single(mails));
        Assert.Contains("cua-hang-a@example.test", mail);
        Assert.Contains("TB-KTDL-", mail);
        Assert.Contains(id, mail);
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConformanceKit.TaxAuthoritySim.Tests.Delivery;

/// <summary>Callbacks (retried until a 2xx) and the e-mail per 204.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private readonly SimulatorFactory _sim = new();
    private WebApplication? _receiver;
    private readonly ConcurrentQueue<(string Id, string Type, byte[] Body)> _received = new();
    private int _failuresLeft = 2;
    private string _url = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/callback", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0) return Results.StatusCode(500);
            using var ms = new MemoryStream();
            await request.Body.CopyToAsync(ms);
            _received.Enqueue((request.Headers["X-MTDiep"].ToString(), request.Headers["X-MLTDiep"].ToString(), ms.ToArray()));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        var address = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _url = address + "/callback";
    }

    public async Task DisposeAsync()
    {
        if (_receiver is not null) await _receiver.DisposeAsync();
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
                new { code = DemoData.TvanCode, name = "T-VAN A", apiKey = DemoData.TvanApiKey, callbackUrl = _url,
                      contract = new { from = "2025-01-01", to = "2027-12-31", status = "active" } },
            },
        });
        seeded.EnsureSuccessStatusCode();
        var tvan = _sim.Tvan();
        var body = Packages.Signed();
        var id = Packages.IdOf(body);
        await tvan.PostMessageAsync(body);
        var notice = await tvan.WaitForAsync(id);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        // Both the 999 and the 204 are pushed; they retry independently, so wait for both.
        while (!_received.Any(r => r.Type == "204") || !_received.Any(r => r.Type == "999"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the 999 and the 204 were not both pushed to the callback");
            // Let the back-off pass quickly on the simulated clock.
            await admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 5 });
            await Task.Delay(100);
        }
        Assert.True(_failuresLeft < 0, "the callback was not retried after failures");
        var pushed = _received.Single(r => r.Type == "204");
        Assert.Equal(Einvoice.Serialization.MessageReader.Read(notice).Header.MessageId, pushed.Id);
        Assert.Equal(pushed.Id, Einvoice.Serialization.MessageReader.Read(pushed.Body).Header.MessageId);
        Assert.Contains(_received, r => r.Type == "999");

        var outbox = Path.Combine(_sim.DataDirectory, "outbox");
        deadline = DateTime.UtcNow.AddSeconds(10);
        string[] mails;
        while ((mails = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : []).Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no e-mail in the outbox");
            await Task.Delay(50);
        }
        var mail = await File.ReadAllTextAsync(Assert.Single(mails));
        Assert.Contains("cua-hang-a@example.test", mail);
        Assert.Contains("TB-KTDL-", mail);
        Assert.Contains(id, mail);
    }
}

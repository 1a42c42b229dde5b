using System.Net;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>Record → replay against a local stand-in for a provider (a profile of the simulator plays the sandbox).</summary>
[Collection("pipeline")]
public sealed class RecordReplayTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Exchanges_recorded_through_the_proxy_replay_offline_without_credentials_or_the_buyers_data()
    {
        var folder = TestFolder.Create();
        try
        {
            var id = Guid.NewGuid().ToString();
            string code;
            await using (var sandbox = await fixture.StartAsync("viettel-sinvoice"))
            using (var recorder = Recorder.Start(sandbox.Address))
            {
                using var pos = new ViettelPos(recorder.Address, DemoData.TaxCode);
                Assert.Equal(HttpStatusCode.OK, (await pos.LoginAsync(password: "s3cret-pw")).StatusCode);
                code = (await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id)))).GetProperty("result").GetProperty("codeOfTax").GetString()!;
                await ViettelPos.BodyAsync(await pos.SearchAsync(id));
                await Eventually.UntilAsync(() => recorder.Server.LogEntries.Count() >= 3, "three exchanges recorded");
                Assert.Equal(3, recorder.Save(folder));
            }

            var files = Directory.GetFiles(Path.Combine(folder, "mappings"));
            var all = string.Concat(files.Select(File.ReadAllText));
            Assert.DoesNotContain("s3cret-pw", all);
            Assert.DoesNotContain("sim-viettel.", all); // the token the sandbox handed out
            Assert.DoesNotContain("Khách lẻ", all); // the buyer's name
            Assert.DoesNotContain("Bearer", all);

            using var replay = Recorder.Replay(folder);
            using var offline = new ViettelPos(new Uri(replay.Urls[0] + "/"), DemoData.TaxCode);
            Assert.Equal(HttpStatusCode.OK, (await offline.LoginAsync(password: "another-password")).StatusCode);
            var created = await ViettelPos.BodyAsync(await offline.CreateAsync(ViettelPos.Invoice(id)));
            Assert.Equal(code, created.GetProperty("result").GetProperty("codeOfTax").GetString());
            var found = await ViettelPos.BodyAsync(await offline.SearchAsync(id));
            Assert.Equal(code, found.GetProperty("result")[0].GetProperty("codeOfTax").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await offline.SearchAsync("never-recorded")).StatusCode); // WireMock: no mapping
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }
}

/// <summary>Record → replay of a SOAP provider (the vnpt-invoice profile plays VNPT's sandbox): the passwords in its XML bodies never reach a file.</summary>
[Collection("pipeline")]
public sealed class SoapRecordReplayTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_VNPT_exchange_recorded_through_the_proxy_replays_offline_without_its_passwords()
    {
        var folder = TestFolder.Create();
        try
        {
            var fkey = "POS1-" + Guid.NewGuid().ToString("N")[..20];
            string result;
            await using (var sandbox = await fixture.StartAsync("vnpt-invoice"))
            using (var recorder = Recorder.Start(sandbox.Address))
            {
                using var pos = new VnptPos(recorder.Address);
                result = await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(fkey)));
                Assert.StartsWith("OK:", result);
                await Eventually.UntilAsync(() => recorder.Server.LogEntries.Count() >= 1, "the exchange recorded");
                Assert.Equal(1, recorder.Save(folder));
            }

            var all = string.Concat(Directory.GetFiles(Path.Combine(folder, "mappings")).Select(File.ReadAllText));
            Assert.DoesNotContain(">secret<", all); // ACpass, password
            var matcher = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(folder, "mappings"))[0]))
                .RootElement.GetProperty("Request").GetProperty("Body").GetProperty("Matcher");
            Assert.Equal("WildcardMatcher", matcher.GetProperty("Name").GetString());
            Assert.Contains("<ACpass>*</ACpass>", matcher.GetProperty("Pattern").GetString()); // any password matches
            Assert.Contains(fkey, all);

            using var replay = Recorder.Replay(folder);
            using var offline = new VnptPos(new Uri(replay.Urls[0] + "/")) { Password = "another-password" }; // still answered
            Assert.Equal(result, await VnptPos.ResultAsync(await offline.PublishAsync(VnptPos.Invoice(fkey))));
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }
}

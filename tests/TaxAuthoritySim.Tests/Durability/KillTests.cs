using System.Net.Http.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Durability;

/// <summary>An acknowledged message survives kill -9 and is processed after the restart.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Crash")]
public sealed class KillTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ck-sim-tests", "kill-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_data, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Acknowledged_packages_survive_SIGKILL_and_get_their_204_after_restart()
    {
        var bodies = Enumerable.Range(0, 5).Select(_ => Packages.Signed()).ToList();
        await using (var first = await SimulatorProcess.StartAsync(_data, "--processing-delay", "600"))
        {
            using var tvan = first.Client("X-Api-Key", DemoData.TvanApiKey);
            foreach (var body in bodies)
                Assert.Equal(0, (await tvan.PostMessageAsync(body)).Ack!.Status);
            first.Kill();
        }

        await using var second = await SimulatorProcess.StartAsync(_data);
        using var admin = second.Client("X-Admin-Key", DemoData.AdminKey);
        using var again = second.Client("X-Api-Key", DemoData.TvanApiKey);
        // Still waiting for their processing delay, on the simulated clock.
        Assert.Equal(["999"], (await again.ResponsesAsync(Packages.IdOf(bodies[0]))).Select(SimClient.TypeOf));
        (await admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 600 })).EnsureSuccessStatusCode();
        foreach (var body in bodies)
            Assert.Equal(2, (await again.NoticeAsync(Packages.IdOf(body))).Kind);
        // Processed once: a resend is a replay, not a second package.
        var replay = await again.PostMessageAsync(bodies[0]);
        Assert.Equal(0, replay.Ack!.Status);
        await Task.Delay(300);
        Assert.Single(await again.ResponsesAsync(Packages.IdOf(bodies[0])), r => SimClient.TypeOf(r) == "204");
    }
}

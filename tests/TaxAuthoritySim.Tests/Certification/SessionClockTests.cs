using System.Net;
using System.Net.Http.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Certification;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Certification;

/// <summary>
/// Each session's own clock (POST /admin/v1/certification/sessions/{id}/clock/advance): advancing it releases that
/// session's held 204 and moves its notices' times and its simulated window, while another session's held 204 stays
/// held, its clock unchanged, and the simulator's clock unchanged.
/// </summary>
public sealed class SessionClockTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();

    public void Dispose() => _sim.Dispose();

    [Fact]
    public async Task Advancing_one_session_s_clock_releases_its_held_204_and_leaves_the_other_session_and_the_simulator_alone()
    {
        using var admin = _sim.Admin();
        var before = await GlobalNowAsync(admin);
        using var a = await ScriptedVendor.StartAsync(admin, _sim.CreateClient, vendor: "Vendor A");
        using var b = await ScriptedVendor.StartAsync(admin, _sim.CreateClient, vendor: "Vendor B");
        foreach (var v in new[] { a, b })
            foreach (var step in new[] { "first-packages", "resend-after-503", "missing-204" })
                await v.DoneAsync(step); // judged INCOMPLETE: this test is about the late-204 step

        // Both sessions are in the late-204 step: each one's next 204 is held 20 simulated minutes.
        var aLate = a.Package();
        var bLate = b.Package();
        await a.SendUntilTakenAsync(aLate);
        await b.SendUntilTakenAsync(bLate);
        var aId = Packages.IdOf(aLate);
        var bId = Packages.IdOf(bLate);
        await PlanTests.WaitForJournalAsync(admin, aId, "204 delayed");
        await PlanTests.WaitForJournalAsync(admin, bId, "204 delayed");
        Assert.DoesNotContain(await ResponseTypesAsync(a.Client, aId), t => t == "204");

        // The certifier advances A's clock only.
        var advanced = await admin.PostAsJsonAsync($"/admin/v1/certification/sessions/{a.Session.SessionId}/clock/advance", new { seconds = 1200 });
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        var clock = (await advanced.Content.ReadFromJsonAsync<SessionClockView>(AuthorityJson.Options))!;
        Assert.Equal(1200, clock.OffsetSeconds);
        Assert.Equal(TimeSpan.FromSeconds(1200), clock.SimulatedNow - clock.SimulatorNow);

        // A's 204 comes (A's system reads it); B's stays held, B's clock and the simulator's did not move.
        var aNotice = await a.Client.NoticeAsync(aId);
        Assert.Empty(aNotice.Codes());
        Assert.Equal(["999"], await ResponseTypesAsync(b.Client, bId));
        Assert.Equal(0, (await b.ViewAsync()).ClockOffsetSeconds);
        Assert.Equal(1200, (await a.ViewAsync()).ClockOffsetSeconds);
        var global = await GlobalNowAsync(admin);
        Assert.True(global - before < TimeSpan.FromMinutes(10), $"the simulator's clock moved from {before:O} to {global:O}");

        // A's late-204 step passes on its own clock; its simulated window spans the advance, B's does not.
        var aStep = ScriptedVendor.Step(await a.DoneAsync("late-204"), "late-204");
        Assert.True(aStep.Verdict == CertificationVerdicts.Passed, string.Join("\n", aStep.Reasons));
        var aResult = await ResultAsync(admin, a.Session.SessionId);
        var bResult = await ResultAsync(admin, b.Session.SessionId);
        Assert.True(aResult.SimulatedEnd - aResult.SimulatedStart >= TimeSpan.FromSeconds(1200));
        Assert.True(bResult.SimulatedEnd - bResult.SimulatedStart < TimeSpan.FromMinutes(10));

        // A's next notice carries A's time (20 minutes ahead of the simulator's), B's the simulator's.
        var aNext = a.Package();
        await a.SendUntilTakenAsync(aNext);
        var aSent = VietnamTime.Instant((await a.Client.NoticeAsync(Packages.IdOf(aNext))).SentAt!.Value);
        Assert.True(aSent - await GlobalNowAsync(admin) > TimeSpan.FromMinutes(19), $"A's notice was sent at {aSent:O}");

        // Then B's own advance releases B's 204, and B's step passes too.
        (await admin.PostAsJsonAsync($"/admin/v1/certification/sessions/{b.Session.SessionId}/clock/advance", new { seconds = 1200 }))
            .EnsureSuccessStatusCode();
        await b.Client.WaitForAsync(bId, "204");
        var bStep = ScriptedVendor.Step(await b.DoneAsync("late-204"), "late-204");
        Assert.True(bStep.Verdict == CertificationVerdicts.Passed, string.Join("\n", bStep.Reasons));
        Assert.True(await GlobalNowAsync(admin) - before < TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task The_advance_is_refused_clearly_and_changes_nothing()
    {
        using var admin = _sim.Admin();
        using var v = await ScriptedVendor.StartAsync(admin, _sim.CreateClient);
        var url = $"/admin/v1/certification/sessions/{v.Session.SessionId}/clock/advance";

        foreach (var body in new object[] { new { seconds = 0 }, new { seconds = -5 }, new { seconds = 400 * 86400 } })
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(url, new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.PostAsJsonAsync("/admin/v1/certification/sessions/cs-nosuch/clock/advance", new { seconds = 60 })).StatusCode);
        // The vendor's key cannot move its own clock.
        Assert.Equal(HttpStatusCode.Unauthorized, (await v.Client.PostAsJsonAsync(url, new { seconds = 60 })).StatusCode);
        Assert.Equal(0, (await v.ViewAsync()).ClockOffsetSeconds);

        (await admin.PostAsync($"/admin/v1/certification/sessions/{v.Session.SessionId}/end", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync(url, new { seconds = 60 })).StatusCode);
    }

    private static async Task<DateTimeOffset> GlobalNowAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<ClockView>("/admin/v1/clock", AuthorityJson.Options))!.NowValue;

    private static async Task<CertificationSessionResult> ResultAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<CertificationSessionResult>($"/admin/v1/certification/sessions/{id}/result", AuthorityJson.Options))!;

    private static async Task<List<string>> ResponseTypesAsync(HttpClient client, string messageId) =>
        [.. (await client.ResponsesAsync(messageId)).Select(SimClient.TypeOf)];
}
